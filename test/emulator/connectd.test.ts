import * as assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { authHashArgs } from '../../src/core/connectd/args';
import { initiatorProvisioning } from '../../src/core/connectd/provisioning';
import { parseStatusLine } from '../../src/core/connectd/statusLine';
import { transcript, type TranscriptName } from '../fixtures/connectd-4.6/transcripts';
import { SECOND_MS_ENV } from './connectd/pace';
import { startEmulator, type RunningEmulator } from './index';
import {
  ALICE,
  b64,
  control,
  exchange,
  FAST,
  freePort,
  IDS,
  provisioning,
  runStandIn,
  sha256,
  standInBundle,
  startEchoTarget,
  stopAllStandIns,
  tempFile,
  testWorld,
  type StandIn,
} from './testSupport';

const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The periodic lines (uptime and throughput): they come from startup on, so they interleave with the rest. */
const PERIODIC = /^!!status -?\d+ seconds since startup(?: lc=\d+)?$|^!!throughput /;

/**
 * The -s startup lines up to `Proxy started.`, periodic lines left out: the real 4.6 opening (as its
 * transcripts show it) for `-f <file>` or `-p`, then the documented sign-in and peer-session lines.
 */
function startupPatterns(form: { file: string } | { restrict: string }, port: number, user: string, uid: string, encryption: number): RegExp[] {
  const file = 'file' in form ? form.file : undefined;
  return [
    /^Connectd built Apr 19 2019 at 16:45:21 Now Starting Up$/,
    /^ {3}Version 4\.6 - \(c\)2019 remot3\.it, Inc\. All Rights Reserved$/,
    /^ {3}Built with NATPMP BCASTER MALLOC_POOL LINUX RESOLVE BIGBUF BACKTRACE pool=524288$/,
    /^ {3}\S+ Version$/,
    file ? new RegExp(`^config file ${literal(file)}$`) : new RegExp(`^restrict address = ${literal('restrict' in form ? form.restrict : '')} $`),
    /^setting web config port to dest_server_port 80$/,
    /^primary local ip = [\d.]+$/,
    /^Alarm Created$/,
    /^SetTimer Set, sec=15$/,
    /^alloc pool$/,
    ...(file ? [new RegExp(`^config file ${literal(file)}$`), /^Config Data is not encrypted$/] : []),
    /^!!status - pid=\d+$/,
    /^ {2}Using server {2}on port 5959$/,
    /^ {2}Using device uid = 00:00:00:00:00:00:00:00$/,
    /^ {2}Using Server Channel Port 5980$/,
    ...(file ? [] : [new RegExp(`^  User ${literal(user)} connecting to ${literal(uid.toLowerCase())}$`)]),
    /^primary local ip = [\d.]+$/,
    /^local IP address found [\d.]+ $/,
    /^initialize proxy client target 127\.0\.0\.1 port 80$/,
    /^generate our own UID= f2(?::[0-9a-f]{2}){7}$/,
    /^Attach to remot3\.it Service\.\.\.$/,
    /^Command Processor now active\.$/,
    file ? /^!!status - bound to UDP port \d+$/ : new RegExp(`^!!status - bound to UDP port ${port}$`),
    new RegExp(`^\\d{5}> req auth remote\\.it id ${literal(user)}$`),
    /^$/,
    /^!!status - server connection changed to state 5  - time \d+  <\d{5}>$/,
    /^!!status - Connected to server is \d+\.\d+\.\d+\.\d+:\d+$/,
    new RegExp(`^!!connected local=0 encryption=${encryption} session=[0-9A-F]{40} ip=\\d+\\.\\d+\\.\\d+\\.\\d+:\\d+ at time \\d+  <\\d{5}>$`),
    new RegExp(`^Starting Proxy on port ${port} on index 1\\.$`),
    /^Proxy started\.$/,
  ];
}

const THROUGHPUT = /^!!throughput txBps=(\d+) rxBps=(\d+) pl=100000$/;
const UPTIME = /^!!status -?\d+ seconds since startup(?: lc=\d+)?$/;
const CONNECT_TUNNEL = /^!!status connecttunnel=(\d+)$/;
const CLOSE_TUNNEL = /^!!status closetunnel=(\d+), count=\d+ td=\d+$/;
const PROXY_STARTED = /^Proxy started\.$/;

/** connectd 4.6's exit sequence: the exit line, the clean-up line and five counters, and the same exit status. */
async function assertExit(connectd: StandIn, code: number, message: string | RegExp): Promise<void> {
  const exit = await connectd.exited;
  const at = connectd.lines.findIndex((l) => l.startsWith('!!exit'));
  assert.ok(at >= 0, connectd.lines.join('\n'));
  const prefix = `!!exit [${String(code).padStart(3, '0')}] : `;
  if (typeof message === 'string') assert.equal(connectd.lines[at], prefix + message, connectd.lines.join('\n'));
  else assert.match(connectd.lines[at], new RegExp(`^${literal(prefix)}${message.source}$`), connectd.lines.join('\n'));
  const tail = connectd.lines.slice(at + 1);
  assert.equal(tail[0], 'connectd terminated, freeing up resources');
  assert.deepEqual(tail.slice(1).map((l) => l.replace(/\d+$/, 'N')), ['!!status session tx bytes N', '!!status session rx bytes N', '!!status re-transmit pkts N', '!!status dup-in pkts N', '!!status out of order pkts N']);
  assert.equal(connectd.lines.some((l) => l.startsWith('!!exit - process closed')), false, 'no `process closed` trailer in 4.6');
  assert.equal(exit.code, code);
}

/** The last line before the exit line, periodic lines left out. */
function beforeExit(connectd: StandIn): string | undefined {
  const lines = connectd.lines.filter((l) => !PERIODIC.test(l));
  return lines[lines.findIndex((l) => l.startsWith('!!exit')) - 1];
}

/** Runs `body` with connectd's second shortened to `ms` for the stand-ins it starts. */
async function withSecond<T>(ms: number, body: () => Promise<T>): Promise<T> {
  process.env[SECOND_MS_ENV] = String(ms);
  try {
    return await body();
  } finally {
    delete process.env[SECOND_MS_ENV];
  }
}

async function connected(port: number, peer: net.Socket[] = []): Promise<net.Socket> {
  const socket = net.connect({ host: '127.0.0.1', port });
  await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  peer.push(socket);
  return socket;
}

describe('connectd stand-in', function () {
  this.timeout(30_000);
  let echo: { port: number; close(): Promise<void> };
  let emulator: RunningEmulator;

  /** A provisioning file for Alice (auth hash) and `service`, on a fresh port. */
  async function fileFor(service: string, extra: Record<string, string | number> = {}, eol = '\n') {
    const port = await freePort();
    const file = tempFile('initiator.conf', provisioning({ autoconnect: 1, user_id: ALICE.email, auth_hash: ALICE.authHash, remote_address: service, proxy_local_port: port, proxy_bind_address: '127.0.0.1', max_depth: 12, ...extra }, eol));
    return { port, file };
  }

  /** `-s -p` arguments for Alice. */
  async function pArgs(service: string, opts: { hash?: string; bind?: string; restrict?: string; life?: number; idle?: number; enc?: number } = {}) {
    const port = await freePort();
    const args = ['-s', '-p', b64(ALICE.email), opts.hash ?? ALICE.authHash, service, `T${port}`, String(opts.enc ?? 2), opts.bind ?? '127.0.0.1', opts.restrict ?? '0.0.0.0', '12', String(opts.life ?? 0), String(opts.idle ?? 0)];
    return { port, args };
  }

  before(async () => {
    echo = await startEchoTarget();
    await standInBundle();
  });
  after(() => echo.close());
  beforeEach(async () => {
    emulator = await startEmulator({ world: testWorld({ echoPort: echo.port, httpPort: 9 }) });
  });
  afterEach(async () => {
    await stopAllStandIns();
    await emulator.close();
  });

  describe('-s -f <provisioning file>', () => {
    it('prints the real startup lines in order, forwards TCP, and on SIGTERM prints exit 003 and exits 3', async () => {
      const { port, file } = await fileFor(IDS.echo);
      const connectd = await runStandIn(['-s', '-f', file], emulator.url);
      await connectd.waitFor(PROXY_STARTED);
      const patterns = startupPatterns({ file }, port, ALICE.email, IDS.echo, 2);
      const lines = connectd.lines.filter((l) => !PERIODIC.test(l));
      assert.equal(lines.length, patterns.length, connectd.lines.join('\n'));
      lines.forEach((l, i) => assert.match(l, patterns[i]));
      assert.ok(connectd.lines.filter((l) => UPTIME.test(l)).length >= 2, 'uptime lines from startup on');
      assert.ok(connectd.lines.some((l) => /^!!throughput txBps=0 rxBps=0 pl=100000$/.test(l)), 'throughput from startup on, before any peer');
      const kinds = connectd.lines.map((l) => parseStatusLine(l).kind);
      for (const kind of ['banner', 'pid', 'uptime', 'throughput', 'udpBound', 'signingIn', 'serverState', 'serverConnected', 'peerConnected', 'proxyStarting', 'proxyStarted'] as const) {
        assert.ok(kinds.includes(kind), `the extension’s parser finds ${kind}`);
      }
      assert.equal(connectd.lines.filter((l) => l.startsWith('!!')).some((l) => ['status', 'log'].includes(parseStatusLine(l).kind)), false, 'every !! line is understood');

      const payload = Buffer.from('hello through the proxy');
      assert.equal(sha256(await exchange(port, payload)), sha256(payload));

      await connectd.stop('SIGTERM');
      await assertExit(connectd, 3, 'termination from signal 15');
    });

    it('ends on SIGINT with exit 003 "termination from signal 2"', async () => {
      const { file } = await fileFor(IDS.echo);
      const connectd = await runStandIn(['-s', '-f', file], emulator.url);
      await connectd.waitFor(PROXY_STARTED);
      await connectd.stop('SIGINT');
      await assertExit(connectd, 3, 'termination from signal 2');
    });

    it('reads the file completely at startup, so deleting it right after the first line changes nothing', async () => {
      const { file } = await fileFor(IDS.echo);
      const connectd = await runStandIn(['-s', '-f', file], emulator.url);
      await connectd.waitFor(/./);
      rmSync(file);
      await connectd.waitFor(PROXY_STARTED);
      assert.equal(existsSync(file), false);
    });

    it('reads CRLF files with comments, the password key and no final newline', async () => {
      const port = await freePort();
      const text = `# initiator\r\n\r\nautoconnect 1\r\n#user ID\r\nuser_id   ${ALICE.email}\r\nauth_pass ${ALICE.password}\r\nproxy_local_port ${port}\r\nremote_address ${IDS.echo}\r\nencryption 1\r\n# keep this comment line here`;
      const connectd = await runStandIn(['-s', '-f', tempFile('crlf.conf', text)], emulator.url);
      await connectd.waitFor(PROXY_STARTED);
      assert.match(connectd.lines.find((l) => l.startsWith('!!connected')) ?? '', / encryption=1 /);
      assert.equal((await exchange(port, Buffer.from('crlf'))).toString(), 'crlf');
    });

    it('accepts the file the extension generates', async () => {
      const port = await freePort();
      const doc = initiatorProvisioning({ user: ALICE.email, authHash: ALICE.authHash }, { serviceId: IDS.echo, port, bindAddress: '127.0.0.1', restrictIp: '0.0.0.0', maxOutstanding: 12, encryption: 2, lifetimeSeconds: 0, idleSeconds: 0 });
      const connectd = await runStandIn(['-s', '-f', tempFile('generated.conf', doc.toString())], emulator.url);
      await connectd.waitFor(PROXY_STARTED);
    });

    it('prints no !! lines without -s, but still the proxy lines', async () => {
      const { file } = await fileFor(IDS.echo);
      const connectd = await runStandIn(['-f', file], emulator.url);
      await connectd.waitFor(PROXY_STARTED);
      assert.equal(connectd.lines.filter((l) => l.startsWith('!!')).length, 0);
      await connectd.stop();
      assert.equal((await connectd.exited).code, 3);
    });

    it('refuses a missing file and a file without the required keys with connectd’s messages, exit status 1', async () => {
      const missing = await runStandIn(['-s', '-f', '/nonexistent/connectd.conf'], emulator.url);
      assert.equal((await missing.exited).code, 1);
      assert.deepEqual(missing.lines.slice(-3), ['config file /nonexistent/connectd.conf', '+failed to read config file/blob.', 'Static Pool Free ']);
      const incomplete = await runStandIn(['-s', '-f', tempFile('bad.conf', provisioning({ user_id: ALICE.email, proxy_local_port: 33000 }))], emulator.url);
      assert.equal((await incomplete.exited).code, 1);
      assert.equal(incomplete.lines.at(-2), '+failed to read config file/blob.');
    });

    it('ignores lifetime and grace_period in a file, as the real 4.6 does', async () => {
      await emulator.close();
      emulator = await startEmulator({ world: { ...testWorld({ echoPort: echo.port, httpPort: 9 }), connectd: { ...FAST, minuteMs: 60 } } });
      const { file } = await fileFor(IDS.echo, { lifetime: 1, grace_period: 1 });
      const connectd = await runStandIn(['-s', '-f', file], emulator.url);
      await connectd.waitFor(PROXY_STARTED);
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.equal(connectd.child.exitCode, null, 'still running 200 connectd seconds later');
      assert.ok(connectd.lines.filter((l) => l.startsWith('!!throughput')).every((l) => l.endsWith(' pl=100000')), 'pl stays 100000');
    });
  });

  describe('the other command-line forms', () => {
    it('-s -p <b64 user> <authhash> <UID> T<port> … as the extension builds it', async () => {
      const port = await freePort();
      const args = authHashArgs({ user: ALICE.email, authHash: ALICE.authHash }, { serviceId: IDS.echo, port, encryption: 1, bindAddress: '127.0.0.1', restrictIp: '0.0.0.0', maxOutstanding: 12, lifetimeSeconds: 0, idleSeconds: 0 });
      const connectd = await runStandIn(args, emulator.url);
      await connectd.waitFor(PROXY_STARTED);
      const lines = connectd.lines.filter((l) => !PERIODIC.test(l));
      startupPatterns({ restrict: '0.0.0.0' }, port, ALICE.email, IDS.echo, 1).forEach((p, i) => assert.match(lines[i], p, connectd.lines.join('\n')));
      assert.match(connectd.lines.find((l) => UPTIME.test(l)) ?? '', /^!!status -1 seconds since startup$/, '-p starts its uptime at -1');
    });

    it('-p binds its UDP port on the proxy port’s number: when that is taken, exit 016', async () => {
      const { port, args } = await pArgs(IDS.echo);
      const squatter = createSocket('udp4');
      await new Promise<void>((resolve) => squatter.bind(port, '0.0.0.0', resolve));
      try {
        const connectd = await runStandIn(args, emulator.url);
        await assertExit(connectd, 16, `Cannot Bind UDP Port ${port}`);
      } finally {
        squatter.close();
      }
    });

    it('-s -c <b64 user> <b64 pass> … with and without lifetime/idle, and with a newline-terminated base64 user', async () => {
      const port = await freePort();
      const full = ['-s', '-c', b64(ALICE.email), b64(ALICE.password), IDS.echo, `T${port}`, '2', '127.0.0.1', '12', '0', '0'];
      const a = await runStandIn(full, emulator.url);
      await a.waitFor(PROXY_STARTED);
      const short = await runStandIn(['-s', '-c', `${b64(ALICE.email)}\n`, b64(ALICE.password), IDS.echo, `T${await freePort()}`, '2', '127.0.0.1', '15'], emulator.url);
      await short.waitFor(PROXY_STARTED);
    });

    it('-s -e <base64 provisioning>', async () => {
      const { port } = await fileFor(IDS.echo);
      const blob = b64(provisioning({ autoconnect: 1, user_id: ALICE.email, auth_hash: ALICE.authHash, remote_address: IDS.echo, proxy_local_port: port }));
      const connectd = await runStandIn(['-s', '-e', blob], emulator.url);
      await connectd.waitFor(PROXY_STARTED);
    });

    it('runs directly as an executable, and under node', async () => {
      const { file } = await fileFor(IDS.echo);
      const direct = await runStandIn(['-s', '-f', file], emulator.url, { direct: true });
      await direct.waitFor(PROXY_STARTED);
      await direct.stop();
      assert.equal((await direct.exited).code, 3);
    });

    it('-h prints the banner with Version 4.6 and the usage text, and exits 1', async () => {
      const connectd = await runStandIn(['-h'], emulator.url);
      const exit = await connectd.exited;
      assert.equal(exit.code, 1);
      assert.equal(connectd.lines[1], '   Version 4.6 - (c)2019 remot3.it, Inc. All Rights Reserved');
      const bundle = await standInBundle();
      assert.equal(connectd.lines[4], `usage: ${bundle} [-h] [-d][pid file] [-f config_file]`);
      assert.ok(connectd.lines.includes(' -c and -p must be last switch on the list'));
      assert.ok(connectd.lines.includes('\t\t-f specify a config file.'));
      assert.equal(connectd.lines.at(-1), '      -sch <port> server channel port.');
    });

    it('without arguments reads ./connectd.conf: none → no usage, "+failed to read config file/blob.", exit 1; one → it runs', async () => {
      const previous = process.cwd();
      const empty = path.dirname(tempFile('placeholder', ''));
      rmSync(path.join(empty, 'placeholder'));
      const withConf = await fileFor(IDS.echo);
      try {
        process.chdir(empty);
        const none = await runStandIn([], emulator.url);
        assert.equal((await none.exited).code, 1);
        assert.equal(none.lines.some((l) => l.startsWith('usage: ')), false);
        assert.deepEqual(none.lines.slice(-3), ['config file connectd.conf', '+failed to read config file/blob.', 'Static Pool Free ']);

        process.chdir(path.dirname(withConf.file));
        renameSync(withConf.file, 'connectd.conf');
        const daemon = await runStandIn([], emulator.url);
        await daemon.waitFor(PROXY_STARTED);
        assert.equal((await exchange(withConf.port, Buffer.from('from ./connectd.conf'))).toString(), 'from ./connectd.conf');
      } finally {
        process.chdir(previous);
      }
    });

    const portLetter = (a: string[]) => (a.find((x) => /^T\d+$/.test(x)) ?? '').charAt(1);
    const refused: [string, (a: string[]) => string[], ((a: string[]) => string) | undefined][] = [
      ['a port without the T prefix', (a) => a.map((x) => (/^T\d+$/.test(x) ? x.slice(1) : x)), (a) => `Unknown protocol ${portLetter(a)}`],
      ['a UDP port', (a) => a.map((x) => (/^T\d+$/.test(x) ? `U${x.slice(1)}` : x)), () => 'UDP proxy is not currently supported'],
      ['a malformed UID', (a) => a.map((x) => (x === IDS.echo ? '80:00:00:00:01:00:10' : x)), undefined],
      ['a 39-character auth hash', (a) => a.map((x) => (x === ALICE.authHash ? x.slice(1) : x)), undefined],
      ['a non-hex auth hash', (a) => a.map((x) => (x === ALICE.authHash ? `${x.slice(1)}Z` : x)), undefined],
      ['a switch after -p', (a) => [...a, '-s'], undefined],
      ['-p with an argument missing', (a) => a.slice(0, -1), undefined],
      ['an unknown switch', (a) => ['-w', ...a], undefined],
    ];
    for (const [what, change, detail] of refused) {
      it(`refuses ${what} with the usage text, exit status 1`, async () => {
        const { args } = await pArgs(IDS.echo);
        const connectd = await runStandIn(change(args), emulator.url);
        assert.equal((await connectd.exited).code, 1);
        assert.ok(connectd.lines.some((l) => l.startsWith('usage: ')), connectd.lines.join('\n'));
        if (detail) assert.equal(connectd.lines[4], detail(args));
        assert.equal(connectd.lines.some((l) => l.startsWith('!!')), false);
      });
    }

    it('-c refuses a lifetime without the idle limit', async () => {
      const connectd = await runStandIn(['-s', '-c', b64(ALICE.email), b64(ALICE.password), IDS.echo, 'T33000', '2', '127.0.0.1', '12', '5'], emulator.url);
      assert.equal((await connectd.exited).code, 1);
      assert.ok(connectd.lines.some((l) => l.startsWith('usage: ')));
    });

    it('-n prints the diagnostics transcript ending "Looks compatible." and exits 0', async () => {
      const connectd = await runStandIn(['-n'], emulator.url);
      assert.equal((await connectd.exited).code, 0);
      const transcript = connectd.lines.slice(4);
      assert.deepEqual(transcript.slice(0, 5), ['alloc pool', '', '', 'Running Network Diagnostics', '---------------------------------']);
      assert.equal(transcript[5], 'Checking if DNS works ... .[OK]');
      assert.match(transcript[6], /^Checking TCP connectivity to remote\.it\.\.\.<oip=[\d.]+> \[OK\]$/);
      assert.match(transcript[8], /^Send to [\d.]+:5959 \[\] \[mip=[\d.]+\] \[oport=\d+ mport=\d+\] \[preserve port\]$/);
      assert.deepEqual(transcript.slice(-8), ['This router preserves ports, this is optimal.', 'SHA1 test:', '  passed.', 'RC4 test:', '  passed', 'XXTEA test:', '  passed.', 'Looks compatible.']);
    });

    it('-n without a reachable server prints the DNS check as [FAIL], says "Not compatible." and exits 1', async () => {
      const connectd = await runStandIn(['-n'], `http://127.0.0.1:${await freePort()}`);
      assert.equal((await connectd.exited).code, 1);
      assert.ok(connectd.lines.includes('Checking if DNS works ... ....[FAIL]'));
      assert.equal(connectd.lines.at(-1), 'Not compatible.');
    });

    it('-d <pidfile> daemonizes: the parent writes the pid file and exits 0, the daemon serves', async () => {
      const { port, file } = await fileFor(IDS.echo);
      const pidFile = path.join(path.dirname(file), 'connectd.pid');
      const parent = await runStandIn(['-d', pidFile, '-s', '-f', file], emulator.url);
      await parent.waitFor(/^Parent Exited Normally\.$/);
      const pid = Number(readFileSync(pidFile, 'utf8').trim());
      assert.equal(parent.lines[0], 'Starting up as daemon');
      assert.equal(parent.lines[1], `Creating pidfile ${pidFile} with PID ${pid}`);
      try {
        rmSync(file);
        await parent.waitFor(PROXY_STARTED);
        assert.equal((await exchange(port, Buffer.from('daemon'))).toString(), 'daemon');
      } finally {
        process.kill(pid, 'SIGTERM');
      }
      await parent.waitFor(/^!!exit \[003\] : termination from signal 15$/);
    });
  });

  describe('exit paths', () => {
    it('011 for a wrong auth hash', async () => {
      const { args } = await pArgs(IDS.echo, { hash: 'ABCDEF0123456789ABCDEF0123456789ABCDEF01' });
      const connectd = await runStandIn(args, emulator.url);
      await assertExit(connectd, 11, /authentication error, {2}Connection To remot3\.it Service has Timed Out\. <\d{5}>/);
      assert.equal(connectd.lines.some((l) => l.includes('state 5')), false);
    });

    it('011 for a wrong password (-c)', async () => {
      const connectd = await runStandIn(['-s', '-c', b64(ALICE.email), b64('wrong'), IDS.echo, `T${await freePort()}`, '2', '127.0.0.1', '12'], emulator.url);
      await assertExit(connectd, 11, /authentication error, {2}Connection To remot3\.it Service has Timed Out\. <\d{5}>/);
    });

    it('011 once the auth hash is revoked', async () => {
      await control(emulator.controlUrl, '/account/revoke-authhash', { email: ALICE.email });
      const { file } = await fileFor(IDS.echo);
      const connectd = await runStandIn(['-s', '-f', file], emulator.url);
      await assertExit(connectd, 11, /authentication error, {2}Connection To remot3\.it Service has Timed Out\. <\d{5}>/);
    });

    for (const [what, service] of [
      ['an offline service', IDS.down],
      ['a service of an offline device', IDS.sleepingSsh],
      ['another user’s service', IDS.bobSsh],
    ] as const) {
      it(`012 for ${what}, after signing in (state 5)`, async () => {
        const { file } = await fileFor(service);
        const connectd = await runStandIn(['-s', '-f', file], emulator.url);
        await assertExit(connectd, 12, 'auto connect failed, exiting');
        assert.ok(connectd.lines.some((l) => l.startsWith('!!status - server connection changed to state 5')));
      });
    }

    it('014 after 60 connectd seconds of sign-in attempts when the server does not answer', async () => {
      const { file } = await fileFor(IDS.echo);
      const connectd = await withSecond(10, async () => runStandIn(['-s', '-f', file], `http://127.0.0.1:${await freePort()}`));
      await assertExit(connectd, 14, /Connection To remot3\.it Service has Timed Out\. <\d{5}>/);
      assert.equal(connectd.lines.filter((l) => /^!!status - Server Connection Retry\. <\d{5}>$/.test(l)).length, 1);
      assert.ok(connectd.lines.filter((l) => /^\d{5}> req auth remote\.it id /.test(l)).length >= 10, 'sign-in attempts every few seconds');
      const lastUptime = connectd.lines.filter((l) => UPTIME.test(l)).map((l) => Number(/-?\d+/.exec(l)![0])).pop()!;
      assert.ok(lastUptime >= 57 && lastUptime <= 64, `exit at about 60 s (last uptime ${lastUptime})`);
      assert.equal(connectd.lines.some((l) => l.includes('Cannot connect to remote.it Servers')), false);
    });

    it('when the server name does not resolve: "NNNNN> Cannot connect to remote.it Servers, …" after ~150 s, and no exit', async () => {
      const { file } = await fileFor(IDS.echo);
      const connectd = await withSecond(5, async () => runStandIn(['-s', '-f', file], 'http://remoteit-server.invalid:5959'));
      await connectd.waitFor(/^\d{5}> Cannot connect to remote\.it Servers, check network, is DNS configured\?, check network parameters!$/, 20_000);
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.equal(connectd.child.exitCode, null, 'still running: it never gives up on its own');
      await connectd.stop();
    });

    it('017 after "proxy startup failed." when the port is taken', async () => {
      const { port, file } = await fileFor(IDS.echo);
      const squatter = net.createServer();
      await new Promise<void>((resolve) => squatter.listen(port, '127.0.0.1', resolve));
      try {
        const connectd = await runStandIn(['-s', '-f', file], emulator.url);
        await assertExit(connectd, 17, `Cannot Bind Proxy Port ${port}.`);
        assert.equal(beforeExit(connectd), 'proxy startup failed.');
        assert.equal(connectd.lines.some((l) => l.startsWith('Starting Proxy')), false);
      } finally {
        squatter.close();
      }
    });

    it('020 when the peers are dropped', async () => {
      const { file } = await fileFor(IDS.echo);
      const connectd = await runStandIn(['-s', '-f', file], emulator.url);
      await connectd.waitFor(PROXY_STARTED);
      assert.deepEqual(await control(emulator.controlUrl, '/service/drop-peers', { id: IDS.echo }), { ok: true, sessions: 1, proxies: 0 });
      await assertExit(connectd, 20, 'connection to peer closed or timed out.');
    });

    it('020 when the service goes offline while connected', async () => {
      const { file } = await fileFor(IDS.echo);
      const connectd = await runStandIn(['-s', '-f', file], emulator.url);
      await connectd.waitFor(PROXY_STARTED);
      await control(emulator.controlUrl, '/service/offline', { id: IDS.echo });
      await assertExit(connectd, 20, 'connection to peer closed or timed out.');
    });

    it('021 when the peer-to-peer connection fails', async () => {
      await control(emulator.controlUrl, '/service/p2p-fail', { id: IDS.echo });
      const { file } = await fileFor(IDS.echo);
      const connectd = await runStandIn(['-s', '-f', file], emulator.url);
      await assertExit(connectd, 21, 'connection to peer failed.');
      assert.equal(beforeExit(connectd), 'connection to peer failed.');
    });

    it('001 at the first 15 s check past a -p lifetime given in SECONDS (2 → cur=15, as the real binary)', async () => {
      const { args } = await pArgs(IDS.echo, { life: 2 });
      const connectd = await runStandIn(args, emulator.url);
      await assertExit(connectd, 1, /process lifetime expired {2}\(cur=\d+\) idled out in grace \(grace=0\) period \(over lifetime 2\)\./);
      const cur = Number(/cur=(\d+)/.exec(connectd.lines.find((l) => l.startsWith('!!exit'))!)![1]);
      assert.ok(cur >= 15 && cur < 30, `at the first 15 s check (cur=${cur})`);
      assert.match(connectd.lines.find((l) => l.startsWith('!!throughput')) ?? '', / pl=1$/, 'pl counts the lifetime down');
    });

    it('001 when idle for the -p idle limit (seconds)', async () => {
      const { args } = await pArgs(IDS.echo, { idle: 30 });
      const connectd = await runStandIn(args, emulator.url);
      await assertExit(connectd, 1, /process lifetime expired {2}\(cur=\d+\) idled out in grace \(grace=30\) period \(over lifetime 0\)\./);
    });

    it('stays up while bytes flow within the idle limit', async () => {
      await emulator.close();
      emulator = await startEmulator({ world: { ...testWorld({ echoPort: echo.port, httpPort: 9 }), connectd: { ...FAST, minuteMs: 3000 } } });
      const { port, args } = await pArgs(IDS.echo, { idle: 60 });
      const connectd = await runStandIn(args, emulator.url);
      await connectd.waitFor(PROXY_STARTED);
      const socket = await connected(port);
      socket.on('data', () => undefined);
      const started = Date.now();
      while (Date.now() - started < 4500) {
        socket.write('keepalive');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      assert.equal(connectd.child.exitCode, null, 'still running after 1.5 idle limits of traffic');
      socket.destroy();
      await assertExit(connectd, 1, /process lifetime expired {2}\(cur=\d+\) idled out in grace \(grace=60\) period \(over lifetime 0\)\./);
    });
  });

  describe('autoconnect', () => {
    it('0 signs in and stays up without connecting to the peer', async () => {
      const { port, file } = await fileFor(IDS.echo, { autoconnect: 0 });
      const connectd = await runStandIn(['-s', '-f', file], emulator.url);
      await connectd.waitFor(/^!!status - server connection changed to state 5/);
      await new Promise((resolve) => setTimeout(resolve, 400));
      assert.equal(connectd.lines.some((l) => l.startsWith('!!connected') || l.startsWith('Starting Proxy')), false);
      await assert.rejects(exchange(port, Buffer.from('x')), /ECONNREFUSED/);
    });

    it('2 keeps the proxy after a peer drop, reconnects, and forwards again', async () => {
      const { port, file } = await fileFor(IDS.echo, { autoconnect: 2 });
      const connectd = await runStandIn(['-s', '-f', file], emulator.url);
      await connectd.waitFor(PROXY_STARTED);
      await control(emulator.controlUrl, '/service/drop-peers', { id: IDS.echo });
      await connectd.waitFor(/^connection to peer closed or timed out\.$/);
      await connectd.waitFor(/^timeout---Retry auto connect$/);
      const second = () => connectd.lines.filter((l) => l.startsWith('!!connected ')).length === 2;
      while (!second()) await connectd.waitFor(/^!!connected /).then(() => new Promise((resolve) => setTimeout(resolve, 20)));
      assert.equal((await exchange(port, Buffer.from('again'))).toString(), 'again');
      assert.equal(connectd.child.exitCode, null);
    });

    it('2 retries while the service is offline and connects once it is back', async () => {
      const { port, file } = await fileFor(IDS.echo, { autoconnect: 2 });
      const connectd = await runStandIn(['-s', '-f', file], emulator.url);
      await connectd.waitFor(PROXY_STARTED);
      await control(emulator.controlUrl, '/service/offline', { id: IDS.echo });
      await connectd.waitFor(/^connection to peer closed or timed out\.$/);
      await connectd.waitFor(/^timeout---Retry auto connect$/);
      const retries = () => connectd.lines.filter((l) => l === 'timeout---Retry auto connect').length;
      const before = retries();
      while (retries() < before + 2) await new Promise((resolve) => setTimeout(resolve, 50));
      await control(emulator.controlUrl, '/service/online', { id: IDS.echo });
      while (connectd.lines.filter((l) => l.startsWith('!!connected ')).length < 2) await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal((await exchange(port, Buffer.from('back'))).toString(), 'back');
    });
  });

  describe('tunnels', () => {
    it('prints connecttunnel / closetunnel per client, and a failed tunnel when nothing listens behind the service', async () => {
      const { port, file } = await fileFor(IDS.empty);
      const connectd = await runStandIn(['-s', '-f', file], emulator.url);
      await connectd.waitFor(PROXY_STARTED);
      assert.equal((await exchange(port, Buffer.from('anyone?')).catch(() => Buffer.alloc(0))).length, 0);
      await connectd.waitFor(CLOSE_TUNNEL);
      const tail = connectd.lines.slice(connectd.lines.indexOf('Proxy started.') + 1);
      assert.equal(tail[0], '!!status connecttunnel=1');
      assert.equal(tail[1], 'Connection failed on tunnel 1, is service running at peer? destroying tunnel/proxy');
      assert.match(tail[2], /^!!status closetunnel=1, count=0 td=\d+$/);
      assert.equal(connectd.child.exitCode, null, 'the proxy stays up');
    });

    it('carries 10 MB each way intact, reporting throughput while bytes flow', async function () {
      const { port, file } = await fileFor(IDS.echo);
      const connectd = await runStandIn(['-s', '-f', file], emulator.url);
      await connectd.waitFor(PROXY_STARTED);
      const payload = randomBytes(10 * 1024 * 1024);
      const echoed = await exchange(port, payload);
      assert.equal(echoed.length, payload.length);
      assert.equal(sha256(echoed), sha256(payload));
      await connectd.waitFor(/^!!throughput txBps=[1-9]\d* /);
      await connectd.waitFor(/^!!throughput txBps=\d+ rxBps=[1-9]\d* /);
      const rates = connectd.lines.filter((l) => l.startsWith('!!throughput')).map((l) => THROUGHPUT.exec(l)?.slice(1).map(Number));
      assert.ok(rates.every((r) => r !== undefined), 'every throughput line has the real format');
      assert.ok(rates.some((r) => (r?.[0] ?? 0) > 0) && rates.some((r) => (r?.[1] ?? 0) > 0), 'rates were reported both ways while bytes flowed');
    });

    it('carries 50 concurrent tunnels, each with its own data', async () => {
      const { port, file } = await fileFor(IDS.echo);
      const connectd = await runStandIn(['-s', '-f', file], emulator.url);
      await connectd.waitFor(PROXY_STARTED);
      const payloads = Array.from({ length: 50 }, () => randomBytes(64 * 1024));
      const echoed = await Promise.all(payloads.map((p) => exchange(port, p)));
      echoed.forEach((e, i) => assert.equal(sha256(e), sha256(payloads[i]), `tunnel ${i}`));
      while (connectd.lines.filter((l) => CLOSE_TUNNEL.test(l)).length < 50) await new Promise((resolve) => setTimeout(resolve, 20));
      assert.equal(connectd.lines.filter((l) => CONNECT_TUNNEL.test(l)).length, 50);
      const maxIndex = Math.max(...connectd.lines.filter((l) => CONNECT_TUNNEL.test(l)).map((l) => Number(CONNECT_TUNNEL.exec(l)?.[1])));
      assert.ok(maxIndex > 1 && maxIndex <= 50);
    });

    it('admits only the restrict IP', async () => {
      const { port, args } = await pArgs(IDS.echo, { restrict: '127.0.0.2' });
      const connectd = await runStandIn(args, emulator.url);
      await connectd.waitFor(PROXY_STARTED);
      const rejected = await exchange(port, Buffer.from('x'), '127.0.0.1', '127.0.0.1').catch(() => Buffer.alloc(0));
      assert.equal(rejected.length, 0);
      await connectd.waitFor(/^Reject connection : filter against 127\.0\.0\.2 $/);
      assert.equal((await exchange(port, Buffer.from('allowed'), '127.0.0.1', '127.0.0.2')).toString(), 'allowed');
    });

    it('listens on the bind address only', async () => {
      const { port, args } = await pArgs(IDS.echo, { bind: '127.0.0.3' });
      const connectd = await runStandIn(args, emulator.url);
      await connectd.waitFor(PROXY_STARTED);
      assert.equal((await exchange(port, Buffer.from('on bind'), '127.0.0.3')).toString(), 'on bind');
      await assert.rejects(exchange(port, Buffer.from('x'), '127.0.0.1'), /ECONNREFUSED/);
    });

    it('prints "N seconds since startup lc=N" periodically, after the proxy is up too', async () => {
      const { file } = await fileFor(IDS.echo);
      const connectd = await runStandIn(['-s', '-f', file], emulator.url);
      await connectd.waitFor(PROXY_STARTED);
      const at = connectd.lines.length;
      while (!connectd.lines.slice(at).some((l) => /^!!status \d+ seconds since startup lc=5$/.test(l))) await new Promise((resolve) => setTimeout(resolve, 20));
    });
  });
  describe('beside the real connectd 4.6 (its transcripts in test/fixtures/connectd-4.6)', () => {
    /** A line's shape: what varies between runs (numbers, UIDs, users, file names, the program path) abstracted. */
    const shape = (l: string): string =>
      l
        .replace(/^usage: \S+/, 'usage: PROGRAM')
        .replace(/^config file .+$/, 'config file FILE')
        .replace(/[0-9a-f]{2}(?::[0-9a-f]{2}){7}/gi, 'UID')
        .replace(/[\w.+-]+@[\w.-]+\.\w+/g, 'USER')
        .replace(/-?\d+/g, 'N');
    const shapes = (lines: readonly string[]) => lines.map(shape);
    /** Up to the first sign-in attempt and its empty line: the whole opening. */
    const opening = (lines: readonly string[]) => lines.slice(0, lines.findIndex((l) => / req auth remote\.it id /.test(l)) + 2);
    const exitSequence = (lines: readonly string[]) => lines.slice(lines.findIndex((l) => l.startsWith('!!exit')));
    /** Every line of ours has the shape of some line the real binary printed. */
    function assertKnownShapes(ours: readonly string[], ...real: TranscriptName[]): void {
      const known = new Set(real.flatMap((name) => shapes(transcript(name).lines)));
      for (const l of ours) assert.ok(known.has(shape(l)), `the real connectd never printed a line like ${JSON.stringify(l)}`);
    }
    const unreachable = async () => `http://127.0.0.1:${await freePort()}`;

    it('-h: the same lines (program path aside) and exit status 1', async () => {
      const connectd = await runStandIn(['-h'], emulator.url);
      const exit = await connectd.exited;
      const real = transcript('h');
      assert.deepEqual(shapes(connectd.lines), shapes(real.lines));
      assert.equal(exit.code, real.exit.code);
    });

    it('no arguments, no ./connectd.conf: the same lines and exit status 1', async () => {
      const previous = process.cwd();
      const empty = path.dirname(tempFile('placeholder', ''));
      rmSync(path.join(empty, 'placeholder'));
      process.chdir(empty);
      try {
        const connectd = await runStandIn([], emulator.url);
        const exit = await connectd.exited;
        const real = transcript('noargs');
        assert.deepEqual(connectd.lines, real.lines);
        assert.equal(exit.code, real.exit.code);
      } finally {
        process.chdir(previous);
      }
    });

    it('-f with remote.it silent, then SIGTERM (F1): the same opening, only lines the real one prints, the same exit sequence and status', async () => {
      const { file } = await fileFor(IDS.echo);
      const connectd = await withSecond(20, async () => runStandIn(['-s', '-y', '127.0.0.1:5959', '-f', file], await unreachable()));
      await connectd.waitFor(/^!!status 3\d seconds since startup/);
      await connectd.stop('SIGTERM');
      const real = transcript('F1');
      assert.deepEqual(shapes(opening(connectd.lines)), shapes(opening(real.lines)));
      assertKnownShapes(connectd.lines, 'F1', 'F2');
      assert.deepEqual(shapes(exitSequence(connectd.lines)), shapes(exitSequence(real.lines)));
      assert.equal((await connectd.exited).code, 3);
      const periodic = connectd.lines.filter((l) => UPTIME.test(l) || l.startsWith('!!throughput')).map((l) => (l.startsWith('!!throughput') ? 'T' : 'U')).join('');
      assert.match(periodic, /^UUT/, 'two uptime lines and a throughput line at startup');
      const gaps = periodic.split('T').slice(2, -1).map((run) => run.length);
      assert.ok(gaps.length >= 3 && gaps.every((n) => n >= 3 && n <= 9), `then a throughput line about every 6 uptime lines: ${periodic}`);
    });

    it('-p with remote.it silent (Y): the same opening (restrict address, User … connecting to, uptime from -1, UDP on the proxy port), exit 014 at ~60 s', async () => {
      const port = await freePort();
      const args = ['-s', '-y', '127.0.0.1:5959', '-p', b64(ALICE.email), ALICE.authHash, IDS.echo, `T${port}`, '2', '127.0.0.1', '0.0.0.0', '12', '0', '0'];
      const connectd = await withSecond(20, async () => runStandIn(args, await unreachable()));
      const exit = await connectd.exited;
      const real = transcript('Y');
      assert.deepEqual(shapes(opening(connectd.lines)), shapes(opening(real.lines)));
      assert.ok(connectd.lines.includes(`!!status - bound to UDP port ${port}`));
      assert.equal(connectd.lines.find((l) => UPTIME.test(l)), '!!status -1 seconds since startup');
      assertKnownShapes(connectd.lines, 'Y');
      assert.deepEqual(shapes(exitSequence(connectd.lines)), shapes(exitSequence(real.lines)));
      assert.equal(exit.code, real.exit.code);
    });

    it('-p with a lifetime of 2 (pA): exit 001 at the first 15 s check, in the real words, pl counting down, exit status 1', async () => {
      const args = ['-s', '-p', b64(ALICE.email), ALICE.authHash, IDS.echo, `T${await freePort()}`, '2', '127.0.0.1', '0.0.0.0', '12', '2', '0'];
      const connectd = await withSecond(20, async () => runStandIn(args, await unreachable()));
      const exit = await connectd.exited;
      const real = transcript('pA');
      const realOpening = real.lines.slice(0, real.lines.findIndex((l) => l.startsWith('!!throughput')) + 1);
      assert.deepEqual(shapes(connectd.lines.slice(0, realOpening.length)), shapes(realOpening));
      assert.equal(connectd.lines[realOpening.length - 1], '!!throughput txBps=0 rxBps=0 pl=1');
      assert.deepEqual(shapes(exitSequence(connectd.lines)), shapes(exitSequence(real.lines)));
      assert.match(exitSequence(connectd.lines)[0], /^!!exit \[001\] : process lifetime expired {2}\(cur=1[5-9]\) idled out in grace \(grace=0\) period \(over lifetime 2\)\.$/);
      assert.equal(exit.code, real.exit.code);
    });

    it('-n with remote.it unreachable (N): the same opening, the dashed line and the DNS check failing', async () => {
      const connectd = await runStandIn(['-n'], await unreachable());
      await connectd.exited;
      const real = transcript('N');
      assert.deepEqual(connectd.lines.slice(0, real.lines.length), real.lines);
    });
  });
});
