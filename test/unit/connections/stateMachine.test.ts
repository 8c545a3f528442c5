import * as assert from 'node:assert/strict';
import { EXIT_CODES } from '../../../src/core/connectd/exitCodes';
import { DEFAULT_POLICY, reconnectDelay } from '../../../src/core/connections/policy';
import { settle, until } from './fakes';
import { Harness, HTTP, proxyLines, startupLines } from './harness';

const ID = HTTP.serviceId;

describe('connection state machine', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.create();
  });
  afterEach(() => h.dispose());

  describe('becoming ready', () => {
    it('is starting after spawn, and ready only after the proxy line AND a successful TCP probe', async () => {
      const started = await h.manager.start(HTTP);
      assert.equal(started.state, 'starting');
      const child = await h.spawner.next(1);
      const port = h.manager.get(ID)!.port!;
      child.lines(...startupLines());
      await settle();
      assert.equal(h.state(ID), 'starting', 'status lines alone are not ready');
      assert.deepEqual(h.probes, [], 'no probe before connectd says the proxy runs');

      child.lines(...proxyLines(port));
      await until(() => h.probes.length === 1, 'first probe');
      await settle();
      assert.equal(h.state(ID), 'starting', 'the proxy line alone is not ready: the port does not answer yet');

      h.listening.add(port);
      await h.clock.advance(DEFAULT_POLICY.probeIntervalMs);
      const ready = await h.waitForState(ID, 'ready');
      assert.equal(ready.port, port);
      assert.equal(ready.pid, child.pid);
      assert.equal(ready.version, '4.6');
      assert.ok(ready.readyAt! >= ready.startedAt!);
      assert.deepEqual(h.states(ID), ['starting', 'ready']);
    });

    it('accepts "Starting Proxy on port N" without "Proxy started."', async () => {
      await h.manager.start(HTTP);
      const child = await h.spawner.next(1);
      const port = h.manager.get(ID)!.port!;
      h.listening.add(port);
      child.lines(`Starting Proxy on port ${port} on index 1.`);
      await h.waitForState(ID, 'ready');
    });

    it('fails (and stops connectd) when the proxy port never answers', async () => {
      await h.manager.start(HTTP);
      const child = await h.spawner.next(1);
      child.lines(...proxyLines(h.manager.get(ID)!.port!));
      for (let attempt = 1; attempt < DEFAULT_POLICY.probeAttempts; attempt++) {
        await until(() => h.probes.length === attempt, `probe ${attempt}`);
        await settle();
        assert.equal(h.state(ID), 'starting');
        await h.clock.advance(DEFAULT_POLICY.probeIntervalMs);
      }
      const failed = await h.waitForState(ID, 'failed');
      assert.deepEqual(child.signals, ['SIGTERM']);
      assert.match(failed.failure!.message, /does not accept connections/);
      assert.equal(failed.failure!.action, 'retry');
    });

    it('follows throughput and open tunnels', async () => {
      const { child } = await h.connect(HTTP);
      child.lines('!!status connecttunnel=1', '!!status connecttunnel=2', '!!throughput txBps=11 rxBps=26 pl=100000', '!!status closetunnel=1, count=1 td=0');
      await until(() => h.manager.get(ID)!.throughput?.rxBps === 26, 'throughput');
      assert.equal(h.manager.get(ID)!.openTunnels, 1);
      assert.deepEqual(h.manager.get(ID)!.throughput, { txBps: 11, rxBps: 26 });
    });

    it('publishes every output line, with secrets scrubbed', async () => {
      const { child } = await h.connect(HTTP);
      child.lines('echo E1F1772EA75D04755B8BBD236C470550E7A9FB33 oops');
      await until(() => h.output.some((o) => o.line.includes('oops')), 'output');
      assert.ok(h.output.every((o) => o.id === ID));
      assert.ok(!h.output.some((o) => o.line.includes('E1F1772EA75D04755B8BBD236C470550E7A9FB33')));
      assert.ok(h.output.some((o) => o.line === 'Proxy started.'));
    });

    it('assembles lines split across chunks and \\r\\n endings', async () => {
      await h.manager.start(HTTP);
      const child = await h.spawner.next(1);
      const port = h.manager.get(ID)!.port!;
      h.listening.add(port);
      child.print(`Starting Proxy on po`);
      child.print(`rt ${port} on index 1.\r`);
      await settle();
      assert.equal(h.state(ID), 'starting');
      child.print('\n');
      await h.waitForState(ID, 'ready');
    });
  });

  describe('reconnecting', () => {
    it('exit 020 → reconnecting, first retry within 3 s, then ready again on the same port', async () => {
      const { child, snapshot } = await h.connect(HTTP);
      child.exitWith(20, 'connection to peer closed or timed out.');
      const reconnecting = await h.waitForState(ID, 'reconnecting');
      assert.equal(reconnecting.reconnectAttempt, 1);
      assert.equal(reconnecting.failure?.code, 20);
      assert.equal(reconnecting.pid, undefined);

      await h.clock.advance(2_999);
      const second = await h.spawner.next(2);
      assert.equal(h.manager.get(ID)!.port, snapshot.port, 'keeps its port');
      const again = await h.bringUp(second, ID);
      assert.equal(again.reconnectAttempt, 0, 'counter resets once ready');
      assert.equal(again.failure, undefined);
      assert.deepEqual(h.states(ID), ['starting', 'ready', 'reconnecting', 'ready']);
    });

    it('a process killed from outside (SIGKILL) is detected and restarted', async () => {
      const { child } = await h.connect(HTTP);
      child.exit(null, 'SIGKILL');
      const s = await h.waitForState(ID, 'reconnecting');
      assert.match(s.failure!.message, /SIGKILL/);
      await h.clock.advance(3_000);
      await h.spawner.next(2);
    });

    it('an exit without any reason (crash) reconnects too', async () => {
      const { child } = await h.connect(HTTP);
      child.exit(139);
      await h.waitForState(ID, 'reconnecting');
    });

    it('backs off exponentially, capped, and gives up after the attempt limit', async () => {
      const { child } = await h.connect(HTTP);
      child.exitWith(20, 'connection to peer closed or timed out.');
      const delays: number[] = [];
      for (let attempt = 1; attempt <= DEFAULT_POLICY.maxReconnectAttempts; attempt++) {
        await until(() => h.manager.get(ID)!.reconnectAttempt === attempt, `reconnect attempt ${attempt}`);
        assert.equal(h.state(ID), 'reconnecting');
        const [delay] = h.clock.pending();
        delays.push(delay);
        await h.clock.advance(delay);
        const next = await h.spawner.next(attempt + 1);
        next.exitWith(20, 'connection to peer closed or timed out.');
      }
      assert.equal(delays[0], 1_000);
      assert.ok(delays[0] <= 3_000);
      assert.deepEqual(delays, delays.map((_, i) => reconnectDelay(i + 1, DEFAULT_POLICY)));
      assert.equal(Math.max(...delays), DEFAULT_POLICY.reconnectMaxDelayMs);
      const failed = await h.waitForState(ID, 'failed');
      assert.match(failed.failure!.message, /Gave up after 10 reconnect attempts/);
      assert.equal(failed.failure!.action, 'retry');
    });

    it('with remoteit.reconnect off, a drop is a failure with Retry', async () => {
      h.settings.reconnect = false;
      const { child } = await h.connect(HTTP);
      child.exitWith(20, 'connection to peer closed or timed out.');
      const failed = await h.waitForState(ID, 'failed');
      assert.equal(failed.failure!.action, 'retry');
      await h.clock.advance(60_000);
      assert.equal(h.spawner.processes.length, 1);
    });

    it('understands the 4.0 exit line without a number', async () => {
      const { child } = await h.connect(HTTP);
      child.lines('!!exit - connection to peer closed or timed out.', '!!exit - process closed.');
      child.exit(1);
      const s = await h.waitForState(ID, 'reconnecting');
      assert.equal(s.failure?.code, 20);
    });
  });

  describe('exit codes', () => {
    it('017 → another free port, started again at once, portChangedFrom set', async () => {
      await h.manager.start({ ...HTTP, port: 39200 });
      const first = await h.spawner.next(1);
      assert.equal(h.manager.get(ID)!.port, 39200);
      first.lines('proxy startup failed.');
      first.exitWith(17, 'Cannot Bind Proxy Port 39200.');
      const second = await h.spawner.next(2);
      await until(() => h.manager.get(ID)!.pid === second.pid, 'second process adopted');
      const moved = h.manager.get(ID)!;
      assert.notEqual(moved.port, 39200);
      assert.equal(moved.portChangedFrom, 39200);
      assert.match(second.provisioning!, new RegExp(`^proxy_local_port ${moved.port}$`, 'm'));
      const ready = await h.bringUp(second, ID);
      assert.equal(ready.portChangedFrom, 39200);
      assert.deepEqual(h.states(ID), ['starting', 'ready']);
    });

    it('011 → failed, "sign in again", never restarted', async () => {
      await h.manager.start(HTTP);
      const child = await h.spawner.next(1);
      child.exitWith(11, 'authentication error,  Connection To remot3.it Service has Timed Out. <00001>');
      const failed = await h.waitForState(ID, 'failed');
      assert.deepEqual(failed.failure, { code: 11, message: 'remote.it rejected the sign-in. Sign in again.', action: 'signIn' });
      await h.clock.advance(10 * 60_000);
      assert.equal(h.spawner.processes.length, 1);
    });

    for (const code of [12, 21]) {
      it(`0${code} → failed, device or service offline / not reachable`, async () => {
        await h.manager.start(HTTP);
        const child = await h.spawner.next(1);
        child.exitWith(code, code === 12 ? 'auto connect failed, exiting' : 'connection to peer failed.');
        const failed = await h.waitForState(ID, 'failed');
        assert.equal(failed.failure!.action, 'unreachable');
        assert.equal(failed.failure!.code, code);
        assert.match(failed.failure!.message, /offline|not reachable/);
        await h.clock.advance(60_000);
        assert.equal(h.spawner.processes.length, 1);
      });
    }

    it('001 (lifetime) → stopped (idle) with the reason, not restarted', async () => {
      const { child } = await h.connect(HTTP);
      child.exitWith(1, 'process lifetime expired (60) +grace (5) max hit (max max) (cur 65).');
      const idle = await h.waitForState(ID, 'idle');
      assert.equal(idle.failure?.code, 1);
      assert.match(idle.failure!.message, /time limit/);
      await h.clock.advance(60_000);
      assert.equal(h.spawner.processes.length, 1);
    });

    it('"user console exit" printed as 020 is a console exit, not a dropped peer', async () => {
      const { child } = await h.connect(HTTP);
      child.exitWith(20, 'user console exit');
      const idle = await h.waitForState(ID, 'idle');
      assert.equal(idle.failure?.code, 30);
    });

    it('exit status alone (no !!exit line) is enough', async () => {
      await h.manager.start(HTTP);
      (await h.spawner.next(1)).exit(11);
      assert.equal((await h.waitForState(ID, 'failed')).failure!.action, 'signIn');
    });

    it('status 1 without an !!exit line is a crash (reconnect), not a lifetime end', async () => {
      const { child } = await h.connect(HTTP);
      child.exit(1);
      assert.equal((await h.waitForState(ID, 'reconnecting')).failure!.message, 'connectd stopped unexpectedly (exit status 1).');
    });

    it('"Lifetime Timeout." before the exit is a lifetime end', async () => {
      const { child } = await h.connect(HTTP);
      child.lines('Lifetime Timeout.');
      child.exit(1);
      assert.equal((await h.waitForState(ID, 'idle')).failure!.code, 1);
    });

    it('the usage text means connectd did not take its arguments', async () => {
      await h.manager.start(HTTP);
      const child = await h.spawner.next(1);
      child.lines('usage: connectd [-h] [-d][pid file] [-f config_file]');
      child.exit(255);
      const failed = await h.waitForState(ID, 'failed');
      assert.match(failed.failure!.message, /did not accept its arguments/);
    });

    describe('every documented code ends in the state its meaning asks for', () => {
      const expected: Record<string, string> = { reconnect: 'reconnecting', otherPort: 'starting', signIn: 'failed', unreachable: 'failed', network: 'failed', stopped: 'idle', giveUp: 'failed' };
      for (const info of EXIT_CODES) {
        it(`${String(info.code).padStart(3, '0')} ${info.documented} → ${expected[info.outcome]}`, async () => {
          await h.manager.start(HTTP);
          const child = await h.spawner.next(1);
          child.exitWith(info.code, info.documented);
          if (info.outcome === 'otherPort') {
            await h.spawner.next(2);
            assert.equal(h.state(ID), 'starting');
            return;
          }
          const s = await h.waitForState(ID, expected[info.outcome] as never);
          assert.equal(s.failure?.code, info.code);
          assert.equal(s.failure?.message, info.userMessage);
        });
      }
    });
  });

  describe('time limits (the engine enforces them: connectd ignores them in a provisioning file)', () => {
    it('closes the connection when its lifetime is over, as idle with exit-001 wording', async () => {
      h.settings.lifetimeMinutes = 2;
      const { child } = await h.connect(HTTP);
      await h.clock.advance(119_999);
      assert.equal(h.state(ID), 'ready');
      await h.clock.advance(1);
      const closed = await h.waitForState(ID, 'idle');
      assert.deepEqual(child.signals, ['SIGTERM']);
      assert.equal(closed.failure?.code, 1);
      assert.equal(closed.failure?.message, 'Connection lifetime expired: closed after 2 minutes (remoteit.connectd.lifetimeMinutes). Connect again to continue.');
      await h.clock.advance(10 * 60_000);
      assert.equal(h.spawner.processes.length, 1, 'never restarted');
    });

    it('counts the lifetime from the start, across reconnects', async () => {
      h.settings.lifetimeMinutes = 1;
      const { child } = await h.connect(HTTP);
      await h.clock.advance(30_000);
      child.exitWith(20, 'connection to peer closed or timed out.');
      await h.waitForState(ID, 'reconnecting');
      await h.clock.advance(DEFAULT_POLICY.reconnectFirstDelayMs);
      const second = await h.spawner.next(2);
      await h.bringUp(second, ID);
      await h.clock.advance(60_000 - 30_000 - DEFAULT_POLICY.reconnectFirstDelayMs - 1);
      assert.equal(h.state(ID), 'ready');
      await h.clock.advance(1);
      await h.waitForState(ID, 'idle');
      assert.deepEqual(second.signals, ['SIGTERM']);
    });

    it('closes a connection idle for the idle limit; the zero throughput lines connectd prints every few seconds are not traffic', async () => {
      h.settings.idleMinutes = 1;
      const { child } = await h.connect(HTTP);
      await h.clock.advance(50_000);
      child.lines('!!throughput txBps=0 rxBps=0 pl=100000');
      await h.clock.advance(9_999);
      assert.equal(h.state(ID), 'ready');
      await h.clock.advance(1);
      const closed = await h.waitForState(ID, 'idle');
      assert.equal(closed.failure?.code, 1);
      assert.equal(closed.failure?.message, 'Connection idle: closed after 1 minute without traffic (remoteit.connectd.idleMinutes). Connect again to continue.');
      assert.deepEqual(child.signals, ['SIGTERM']);
    });

    it('traffic restarts the idle countdown, and an open tunnel is never idle', async () => {
      h.settings.idleMinutes = 1;
      const { child } = await h.connect(HTTP);
      await h.clock.advance(50_000);
      child.lines('!!throughput txBps=120 rxBps=4000 pl=100000');
      await until(() => h.manager.get(ID)!.throughput?.rxBps === 4000, 'throughput');
      await h.clock.advance(59_999);
      assert.equal(h.state(ID), 'ready', 'the countdown started again at the traffic');
      child.lines('!!status connecttunnel=1');
      await until(() => h.manager.get(ID)!.openTunnels === 1, 'tunnel open');
      await h.clock.advance(10 * 60_000);
      assert.equal(h.state(ID), 'ready', 'an open tunnel (an idle ssh session) keeps it');
      child.lines('!!status closetunnel=1, count=0 td=600');
      await until(() => h.manager.get(ID)!.openTunnels === 0, 'tunnel closed');
      await h.clock.advance(59_999);
      assert.equal(h.state(ID), 'ready');
      await h.clock.advance(1);
      await h.waitForState(ID, 'idle');
    });

    it('no limits by default', async () => {
      await h.connect(HTTP);
      await h.clock.advance(24 * 60 * 60_000);
      assert.equal(h.state(ID), 'ready');
    });
  });

  describe('reaching remote.it', () => {
    /** What connectd prints while remote.it's servers do not answer (the real -p transcript's shape). */
    const NO_SERVER = [
      'Connectd built Apr 19 2019 at 16:45:21 Now Starting Up',
      '   Version 4.6 - (c)2019 remot3.it, Inc. All Rights Reserved',
      'Command Processor now active.',
      '!!status -1 seconds since startup',
      '!!throughput txBps=0 rxBps=0 pl=100000',
      '22658> req auth remote.it id dev@example.com',
      '',
      '!!status - Server Connection Retry. <22815>',
      '!!status - server connection changed to state 1  - time 16  <22815>',
      '!!status - Connected to server is 127.0.0.1:5959',
    ];

    it('a start still not ready after the start timeout (default 45 s) fails as "cannot reach remote.it", with network help, and stops connectd', async () => {
      await h.manager.start(HTTP);
      const child = await h.spawner.next(1);
      child.lines(...NO_SERVER);
      await h.clock.advance(44_999);
      assert.equal(h.state(ID), 'starting');
      await h.clock.advance(1);
      const failed = await h.waitForState(ID, 'failed');
      assert.deepEqual(child.signals, ['SIGTERM']);
      assert.equal(failed.failure?.action, 'network');
      assert.equal(
        failed.failure?.message,
        "Cannot reach remote.it: connectd got no answer from remote.it's servers within 45 s. Check the network connection; Network Diagnostics can tell what is blocked.",
      );
      await h.clock.advance(10 * 60_000);
      assert.equal(h.spawner.processes.length, 1, 'no retry loop behind the user’s back');
    });

    it('follows remoteit.connectd.startTimeoutSeconds', async () => {
      h.settings.startTimeoutSeconds = 10;
      await h.manager.start(HTTP);
      const child = await h.spawner.next(1);
      child.lines(...NO_SERVER);
      await h.clock.advance(10_000);
      const failed = await h.waitForState(ID, 'failed');
      assert.match(failed.failure!.message, /within 10 s/);
    });

    it('signed in, but the device never answered in time: unreachable (device offline), not a network failure', async () => {
      await h.manager.start(HTTP);
      const child = await h.spawner.next(1);
      child.lines(...startupLines().slice(0, -1));
      await h.clock.advance(45_000);
      const failed = await h.waitForState(ID, 'failed');
      assert.equal(failed.failure?.action, 'unreachable');
      assert.match(failed.failure!.message, /^pi – web did not answer within 45 s: the device or service is offline or not reachable\.$/);
    });

    it('"Cannot connect to remote.it Servers, …" (console-prefixed) ends the start at once as "cannot reach remote.it"', async () => {
      await h.manager.start(HTTP);
      const child = await h.spawner.next(1);
      child.lines(...NO_SERVER, '41230> Cannot connect to remote.it Servers, check network, is DNS configured?, check network parameters!');
      const failed = await h.waitForState(ID, 'failed');
      assert.deepEqual(child.signals, ['SIGTERM']);
      assert.equal(failed.failure?.action, 'network');
      assert.match(failed.failure!.message, /^Cannot reach remote\.it: connectd cannot find remote\.it's servers \(network or DNS\)\./);
    });

    it('exit 014 before the first ready fails with network help; after a ready it is network loss, and reconnects', async () => {
      await h.manager.start(HTTP);
      const first = await h.spawner.next(1);
      first.lines(...NO_SERVER);
      first.exitWith(14, 'Connection To remot3.it Service has Timed Out. <23249>');
      const failed = await h.waitForState(ID, 'failed');
      assert.equal(failed.failure?.action, 'network');
      assert.equal(failed.failure?.code, 14);

      const { child } = await h.connect(HTTP);
      child.exitWith(20, 'connection to peer closed or timed out.');
      await h.waitForState(ID, 'reconnecting');
      await h.clock.advance(DEFAULT_POLICY.reconnectFirstDelayMs);
      const again = await h.spawner.next(3);
      again.exitWith(14, 'Connection To remot3.it Service has Timed Out. <23249>');
      await until(() => h.manager.get(ID)?.reconnectAttempt === 2, 'second reconnect attempt');
      assert.equal(h.state(ID), 'reconnecting');
      assert.equal(h.manager.get(ID)!.failure?.action, 'network');
    });

    it('exit 016 (its UDP port, on the proxy port number with -p, is taken) moves to another port', async () => {
      await h.manager.start(HTTP);
      const child = await h.spawner.next(1);
      const port = h.manager.get(ID)!.port!;
      child.exitWith(16, `Cannot Bind UDP Port ${port}`);
      const second = await h.spawner.next(2);
      await until(() => h.manager.get(ID)!.pid === second.pid, 'the second process attached');
      assert.notEqual(h.manager.get(ID)!.port, port);
    });

    it('a connectd 5.x banner: a plain warning in the log, and it is tried anyway', async () => {
      await h.manager.start(HTTP);
      const child = await h.spawner.next(1);
      h.listening.add(h.manager.get(ID)!.port!);
      child.lines('Connectd built Jan 10 2025 at 10:00:00 Now Starting Up', '   Version 5.1 - (c)2025 remote.it, Inc. All Rights Reserved', ...proxyLines(h.manager.get(ID)!.port!));
      const ready = await h.waitForState(ID, 'ready');
      assert.equal(ready.version, '5.1');
      assert.ok(h.logger.lines.some((l) => l.startsWith('warn connectd 5.1 is newer than the connectd 4.x this extension supports')));
    });
  });

  describe('stopping', () => {
    it('a user stop sends SIGTERM, goes stopping → idle, and is never restarted', async () => {
      const { child } = await h.connect(HTTP);
      await h.manager.stop(ID);
      assert.deepEqual(child.signals, ['SIGTERM']);
      const idle = h.manager.get(ID)!;
      assert.equal(idle.state, 'idle');
      assert.equal(idle.failure, undefined);
      assert.equal(idle.pid, undefined);
      assert.deepEqual(h.states(ID), ['starting', 'ready', 'stopping', 'idle']);
      await h.clock.advance(10 * 60_000);
      assert.equal(h.spawner.processes.length, 1);
    });

    it('SIGKILL follows after the grace period when connectd ignores SIGTERM', async () => {
      const { child } = await h.connect(HTTP);
      child.ignoreTerm = true;
      const stopped = h.manager.stop(ID);
      await settle();
      assert.equal(h.state(ID), 'stopping');
      await h.clock.advance(DEFAULT_POLICY.stopGraceMs - 1);
      assert.deepEqual(child.signals, ['SIGTERM']);
      await h.clock.advance(1);
      await stopped;
      assert.deepEqual(child.signals, ['SIGTERM', 'SIGKILL']);
      assert.equal(h.state(ID), 'idle');
    });

    it('a stop while reconnecting cancels the pending restart', async () => {
      const { child } = await h.connect(HTTP);
      child.exitWith(20, 'connection to peer closed or timed out.');
      await h.waitForState(ID, 'reconnecting');
      await h.manager.stop(ID);
      assert.equal(h.state(ID), 'idle');
      await h.clock.advance(10 * 60_000);
      assert.equal(h.spawner.processes.length, 1);
    });

    it('a stop during the start kills the process as soon as it exists', async () => {
      const starting = h.manager.start(HTTP);
      const stopping = h.manager.stop(ID);
      await Promise.all([starting, stopping]);
      assert.equal(h.state(ID), 'idle');
      for (const p of h.spawner.processes) assert.equal(p.running, false);
    });

    it('the port is free for other connections after a stop', async () => {
      const { snapshot } = await h.connect({ ...HTTP, port: 34000 });
      await h.manager.stop(ID);
      const other = await h.connect({ ...HTTP, serviceId: '80:00:00:00:01:00:0A:D0', port: 34000 });
      assert.equal(other.snapshot.port, snapshot.port);
    });
  });
});
