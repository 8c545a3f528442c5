import * as assert from 'node:assert/strict';
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ConnectionError } from '../../../src/core/connections/manager';
import { DEFAULT_POLICY } from '../../../src/core/connections/policy';
import { settle, until } from './fakes';
import { CONNECTD, Harness, HTTP, SSH } from './harness';

const ID = HTTP.serviceId;

async function rejection(promise: Promise<unknown>): Promise<ConnectionError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof ConnectionError, `not a ConnectionError: ${String(err)}`);
    return err;
  }
  throw new Error('expected a rejection');
}

describe('ConnectionManager', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.create();
  });
  afterEach(() => h.dispose());

  describe('start / get / list', () => {
    it('returns the live connection instead of starting a second connectd', async () => {
      await h.connect(HTTP);
      const again = await h.manager.start({ ...HTTP, port: 40000 });
      assert.equal(again.state, 'ready');
      assert.equal(h.spawner.processes.length, 1);
    });

    it('starts afresh after a failure', async () => {
      await h.manager.start(HTTP);
      (await h.spawner.next(1)).exitWith(12, 'auto connect failed, exiting');
      await h.waitForState(ID, 'failed');
      await h.manager.start(HTTP);
      assert.equal(h.spawner.processes.length, 2);
      assert.equal(h.state(ID), 'starting');
      assert.equal(h.manager.get(ID)!.failure, undefined);
    });

    it('lists every connection with its request', async () => {
      await h.connect(HTTP);
      await h.manager.start(SSH);
      assert.deepEqual(h.manager.list().map((s) => [s.id, s.request.name]).sort(), [[HTTP.serviceId, HTTP.name], [SSH.serviceId, SSH.name]]);
      assert.equal(h.manager.get('nope'), undefined);
    });

    it('emits a snapshot on every change, which callers cannot mutate', async () => {
      await h.connect(HTTP);
      const seen = h.events.filter((e) => e.id === ID);
      assert.ok(seen.length >= 2);
      seen[seen.length - 1].request.name = 'changed';
      assert.equal(h.manager.get(ID)!.request.name, HTTP.name);
    });
  });

  describe('waitUntilReady', () => {
    it('resolves once ready', async () => {
      await h.manager.start(HTTP);
      const waiting = h.manager.waitUntilReady(ID, 60_000);
      await h.bringUp(await h.spawner.next(1), ID);
      assert.equal((await waiting).state, 'ready');
    });

    it('keeps waiting through a reconnect', async () => {
      await h.manager.start(HTTP);
      const waiting = h.manager.waitUntilReady(ID);
      (await h.spawner.next(1)).exitWith(20, 'connection to peer closed or timed out.');
      await h.waitForState(ID, 'reconnecting');
      await h.clock.advance(3_000);
      await h.bringUp(await h.spawner.next(2), ID);
      assert.equal((await waiting).state, 'ready');
    });

    it('rejects with the failure when the connection fails first', async () => {
      await h.manager.start(HTTP);
      const waiting = h.manager.waitUntilReady(ID);
      (await h.spawner.next(1)).exitWith(11, 'authentication error,  Connection To remot3.it Service has Timed Out. <00001>');
      const err = await rejection(waiting);
      assert.equal(err.failure.action, 'signIn');
      assert.equal(err.message, 'remote.it rejected the sign-in. Sign in again.');
    });

    it('rejects when the user stops first, and right away for a failed or unknown connection', async () => {
      await h.manager.start(HTTP);
      const waiting = h.manager.waitUntilReady(ID);
      await h.manager.stop(ID);
      assert.match((await rejection(waiting)).message, /disconnected/);
      assert.match((await rejection(h.manager.waitUntilReady('unknown'))).message, /No connection/);
      h.credentials = undefined;
      await h.manager.start(SSH);
      assert.equal((await rejection(h.manager.waitUntilReady(SSH.serviceId))).failure.action, 'signIn');
    });

    it('rejects after the timeout (on the injected clock)', async () => {
      await h.manager.start(HTTP);
      const waiting = h.manager.waitUntilReady(ID, 30_000);
      let settled = false;
      waiting.catch(() => undefined).finally(() => (settled = true));
      await h.clock.advance(29_999);
      assert.equal(settled, false);
      await h.clock.advance(1);
      const err = await rejection(waiting);
      assert.match(err.message, /did not connect within 30 s/);
      assert.equal(err.failure.action, 'retry');
      assert.equal(h.state(ID), 'starting', 'the connection itself carries on');
    });
  });

  describe('keep connected and restore', () => {
    it('persists the mark and restores kept connections in the next window', async () => {
      await h.connect(HTTP);
      h.manager.setKeepConnected(ID, true);
      await settle();
      assert.equal(h.manager.get(ID)!.request.keepConnected, true);
      await h.manager.dispose();
      assert.equal(h.spawner.last.running, false, 'deactivate stops everything');

      h.manager = h.newManager();
      await h.manager.restore();
      assert.equal(h.spawner.processes.length, 2);
      const restored = h.manager.get(ID)!;
      assert.equal(restored.request.name, HTTP.name);
      assert.equal(restored.request.keepConnected, true);
      await h.bringUp(h.spawner.last, ID);
    });

    it('a keep mark set before the connection exists is applied when it starts', async () => {
      h.manager.setKeepConnected(ID, true);
      await settle();
      await h.manager.start(HTTP);
      assert.equal(h.manager.get(ID)!.request.keepConnected, true);
      await h.manager.dispose();
      h.manager = h.newManager();
      await h.manager.restore();
      assert.equal(h.manager.get(ID)?.request.keepConnected, true, 'restored at the next start');
    });

    it('a start that only inherits the mark (a task, a reopened window) never replaces the kept choices', async () => {
      await h.connect({ ...HTTP, port: 33111, keepConnected: true });
      await h.manager.stopAll();
      await h.manager.start({ ...HTTP, port: 39999, bindAddress: '0.0.0.0' });
      await h.manager.dispose();
      h.manager = h.newManager();
      await h.manager.restore();
      const restored = h.manager.get(ID)!;
      assert.equal(restored.request.port, 33111);
      assert.equal(restored.request.bindAddress, undefined);
    });

    it('Disconnect All keeps the marks: kept connections come back at the next start', async () => {
      await h.connect({ ...HTTP, keepConnected: true });
      await h.manager.stopAll();
      await h.manager.dispose();
      h.manager = h.newManager();
      await h.manager.restore();
      assert.equal(h.manager.get(ID)?.request.keepConnected, true);
    });

    it('a user stop removes the mark: a stopped connection is not resurrected at the next start', async () => {
      await h.connect({ ...HTTP, keepConnected: true });
      await h.manager.stop(ID);
      assert.equal(h.manager.get(ID)!.request.keepConnected, false);
      await h.manager.dispose();
      h.manager = h.newManager();
      await h.manager.restore();
      assert.equal(h.manager.get(ID), undefined);
      assert.equal(h.spawner.processes.length, 1);
    });

    it('unsetting the mark is persisted', async () => {
      await h.connect({ ...HTTP, keepConnected: true });
      h.manager.setKeepConnected(ID, false);
      await settle();
      await h.manager.dispose();
      h.manager = h.newManager();
      await h.manager.restore();
      assert.equal(h.spawner.processes.length, 1);
    });

    it('restore does not duplicate a connection that is already live', async () => {
      await h.connect({ ...HTTP, keepConnected: true });
      await h.manager.restore();
      assert.equal(h.spawner.processes.length, 1);
    });
  });

  describe('orphans from a crashed window', () => {
    /** A window that "crashed": its connectd keeps running, its pid file stays. */
    async function crashedWindow(): Promise<{ pid: number; commandLine: string }> {
      const { child } = await h.connect(HTTP);
      h.processes.alive.set(child.pid, [CONNECTD, ...child.args].join(' '));
      return { pid: child.pid, commandLine: h.processes.alive.get(child.pid)! };
    }

    it('are found by pid file and stopped (SIGTERM) at the next start', async () => {
      const { pid } = await crashedWindow();
      h.manager = h.newManager();
      await h.manager.restore();
      assert.deepEqual(h.processes.signals, [[pid, 'SIGTERM']]);
      assert.deepEqual(await fs.readdir(path.join(h.storageDir, 'pids')), []);
    });

    it('get SIGKILL when they ignore SIGTERM', async () => {
      const { pid } = await crashedWindow();
      h.processes.ignoreTerm = true;
      h.manager = h.newManager();
      const restoring = h.manager.restore();
      await until(() => h.processes.signals.length === 1, 'SIGTERM');
      for (let waited = 0; waited < DEFAULT_POLICY.stopGraceMs; waited += 100) await h.clock.advance(100);
      await restoring;
      assert.deepEqual(h.processes.signals, [[pid, 'SIGTERM'], [pid, 'SIGKILL']]);
    });

    it('are left alone when the pid now belongs to another program', async () => {
      const { pid } = await crashedWindow();
      h.processes.alive.set(pid, '/usr/bin/vim notes.txt');
      h.manager = h.newManager();
      await h.manager.restore();
      assert.deepEqual(h.processes.signals, []);
      assert.deepEqual(await fs.readdir(path.join(h.storageDir, 'pids')), [], 'the stale pid file is dropped');
    });

    it('a kept connection another open window already runs is not started a second time', async () => {
      const { child } = await h.connect({ ...HTTP, keepConnected: true });
      h.processes.alive.set(child.pid, [CONNECTD, ...child.args].join(' '));
      const pidDir = path.join(h.storageDir, 'pids');
      for (const name of await fs.readdir(pidDir)) {
        const file = path.join(pidDir, name);
        await fs.writeFile(file, JSON.stringify({ ...JSON.parse(await fs.readFile(file, 'utf8')), owner: 434343 }));
      }
      h.processes.alive.set(434343, '/usr/share/code/code --type=extensionHost');
      const spawned = h.spawner.processes.length;
      h.manager = h.newManager(); // a second window sharing the same storage
      await h.manager.restore();
      assert.equal(h.spawner.processes.length, spawned, 'no second connectd');
      assert.deepEqual(h.processes.signals, []);
    });

    it("leave another open window's connectd alone; reap it once that window's extension host is gone", async () => {
      const { pid } = await crashedWindow();
      const otherHost = 424242;
      const pidDir = path.join(h.storageDir, 'pids');
      for (const name of await fs.readdir(pidDir)) {
        const file = path.join(pidDir, name);
        await fs.writeFile(file, JSON.stringify({ ...JSON.parse(await fs.readFile(file, 'utf8')), owner: otherHost }));
      }
      h.processes.alive.set(otherHost, '/usr/share/code/code --type=extensionHost');
      h.manager = h.newManager();
      await h.manager.restore();
      assert.deepEqual(h.processes.signals, [], 'the other window is still open');
      h.processes.alive.delete(otherHost);
      h.manager = h.newManager();
      await h.manager.restore();
      assert.deepEqual(h.processes.signals, [[pid, 'SIGTERM']]);
    });

    it('a window never reaps its own connectd, even one whose start is still under way', async () => {
      const { child } = await h.connect(HTTP);
      h.processes.alive.set(child.pid, [CONNECTD, ...child.args].join(' '));
      await h.manager.restore();
      assert.deepEqual(h.processes.signals, []);
      assert.equal(h.state(ID), 'ready');
    });

    it('are stopped, with their provisioning files, at a start that is signed out; kept connections wait for a sign-in', async () => {
      const { pid } = await crashedWindow();
      await h.manager.setKeepConnected(ID, true);
      const dir = path.join(h.storageDir, 'provisioning');
      await fs.mkdir(dir, { recursive: true });
      const leftover = path.join(dir, 'leftover.conf');
      await fs.writeFile(leftover, 'auth_hash secret\n');
      const twoMinutesAgo = new Date(Date.now() - 120_000);
      await fs.utimes(leftover, twoMinutesAgo, twoMinutesAgo);
      const spawned = h.spawner.processes.length;
      h.manager = h.newManager();
      await h.manager.restore({ startKept: false });
      assert.deepEqual(h.processes.signals, [[pid, 'SIGTERM']]);
      assert.equal(existsSync(leftover), false);
      assert.equal(h.spawner.processes.length, spawned, 'no kept connection started');
    });

    it('leave no provisioning file behind', async () => {
      const dir = path.join(h.storageDir, 'provisioning');
      await fs.mkdir(dir, { recursive: true });
      const leftover = path.join(dir, 'leftover.conf');
      await fs.writeFile(leftover, 'auth_hash secret\n');
      const young = path.join(dir, 'another-window-just-wrote-this.conf');
      await fs.writeFile(young, 'auth_hash secret\n');
      const twoMinutesAgo = new Date(Date.now() - 120_000);
      await fs.utimes(leftover, twoMinutesAgo, twoMinutesAgo);
      await h.manager.restore();
      assert.equal(existsSync(leftover), false, 'an old file no connectd needs is removed');
      assert.equal(existsSync(young), true, 'a file another window may have just written for its connectd stays');
    });
  });

  describe('stopAll and dispose', () => {
    it('stopAll stops every connection', async () => {
      await h.connect(HTTP);
      await h.connect(SSH);
      await h.manager.stopAll();
      assert.deepEqual(h.manager.list().map((s) => s.state), ['idle', 'idle']);
      assert.ok(h.spawner.processes.every((p) => !p.running));
    });

    it('dispose during a start leaves no process running', async () => {
      const starting = h.manager.start({ ...HTTP, keepConnected: true });
      await h.manager.dispose();
      await starting;
      await settle();
      assert.ok(h.spawner.processes.every((p) => !p.running));
    });

    it('dispose stops everything and refuses new starts', async () => {
      await h.connect(HTTP);
      await h.manager.start(SSH);
      await h.manager.dispose();
      assert.ok(h.spawner.processes.every((p) => !p.running && p.signals[0] === 'SIGTERM'));
      await assert.rejects(h.manager.start(HTTP), /shut down/);
    });
  });
});
