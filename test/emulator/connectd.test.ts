import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { authHashArgs } from '../../src/core/connectd/args';
import { initiatorProvisioning } from '../../src/core/connectd/provisioning';
import { parseStatusLine } from '../../src/core/connectd/statusLine';
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

/** The -s startup lines of §6.2, in order, with the variable parts as patterns. */
function startupPatterns(port: number, user: string, uid: string, encryption: number): RegExp[] {
  return [
    /^Connectd built Apr 20 2019 at 16:38:16 Now Starting Up$/,
    /^ {3}Version 4\.6 - \(c\)2019 remot3\.it, Inc\. All Rights Reserved$/,
    /^ {3}Built with NATPMP BCASTER MALLOC_POOL RESOLVE BIGBUF pool=524288$/,
    /^ {3}\S+ Version$/,
    new RegExp(`^proxy local port is TCP = ${port} $`),
    /^!!status - pid=\d+$/,
    new RegExp(`^  User ${literal(user)} connecting to ${literal(uid.toLowerCase())}$`),
    /^!!status - bound to UDP port \d+$/,
    /^Command Processor now active\.$/,
    /^!!status - server connection changed to state 5  - time \d+  <\d{5}>$/,
    /^!!status - Connected to server is \d+\.\d+\.\d+\.\d+:\d+$/,
    new RegExp(`^!!connected local=0 encryption=${encryption} session=[0-9A-F]{40} ip=\\d+\\.\\d+\\.\\d+\\.\\d+:\\d+ at time \\d+  <\\d{5}>$`),
    new RegExp(`^Starting Proxy on port ${port} on index 1\\.$`),
    /^Proxy started\.$/,
  ];
}

const THROUGHPUT = /^!!throughput txBps=(\d+) rxBps=(\d+) pl=100000$/;
const CONNECT_TUNNEL = /^!!status connecttunnel=(\d+)$/;
const CLOSE_TUNNEL = /^!!status closetunnel=(\d+), count=\d+ td=\d+$/;
const PROXY_STARTED = /^Proxy started\.$/;

/** The last two lines must be the exit line and the trailer, and the status the same code. */
async function assertExit(connectd: StandIn, code: number, message: string | RegExp, lastState: string): Promise<void> {
  const exit = await connectd.exited;
  const [exitLine, trailer] = connectd.lines.slice(-2);
  const prefix = `!!exit [${String(code).padStart(3, '0')}] : `;
  if (typeof message === 'string') assert.equal(exitLine, prefix + message, connectd.lines.join('\n'));
  else assert.match(exitLine, new RegExp(`^${literal(prefix)}${message.source}$`), connectd.lines.join('\n'));
  assert.equal(trailer, `!!exit - process closed (last state ${lastState}).`);
  assert.equal(exit.code, code);
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
      const patterns = startupPatterns(port, ALICE.email, IDS.echo, 2);
      assert.equal(connectd.lines.length, patterns.length, connectd.lines.join('\n'));
      connectd.lines.forEach((l, i) => assert.match(l, patterns[i]));
      assert.deepEqual(
        connectd.lines.map((l) => parseStatusLine(l).kind),
        ['banner', 'banner', 'banner', 'banner', 'proxyPort', 'pid', 'userConnecting', 'udpBound', 'log', 'serverState', 'serverConnected', 'peerConnected', 'proxyStarting', 'proxyStarted'],
        'the extension’s parser understands every line',
      );

      const payload = Buffer.from('hello through the proxy');
      assert.equal(sha256(await exchange(port, payload)), sha256(payload));

      await connectd.stop('SIGTERM');
      await assertExit(connectd, 3, 'termination from signal 15', 'Conn');
    });

    it('ends on SIGINT with exit 003 "termination from signal 2"', async () => {
      const { file } = await fileFor(IDS.echo);
      const connectd = await runStandIn(['-s', '-f', file], emulator.url);
      await connectd.waitFor(PROXY_STARTED);
      await connectd.stop('SIGINT');
      await assertExit(connectd, 3, 'termination from signal 2', 'Conn');
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

    it('refuses a missing file and a file without the required keys with connectd’s messages', async () => {
      const missing = await runStandIn(['-s', '-f', '/nonexistent/connectd.conf'], emulator.url);
      assert.equal((await missing.exited).code, 255);
      assert.equal(missing.lines.at(-1), 'Failed to read configuration file/blob. Exiting.');
      const incomplete = await runStandIn(['-s', '-f', tempFile('bad.conf', provisioning({ user_id: ALICE.email, proxy_local_port: 33000 }))], emulator.url);
      assert.equal((await incomplete.exited).code, 255);
      assert.equal(incomplete.lines.at(-1), 'Failed to process configuration file/blob. Exiting.');
    });
  });

  describe('the other command-line forms', () => {
    it('-s -p <b64 user> <authhash> <UID> T<port> … as the extension builds it', async () => {
      const port = await freePort();
      const args = authHashArgs({ user: ALICE.email, authHash: ALICE.authHash }, { serviceId: IDS.echo, port, encryption: 1, bindAddress: '127.0.0.1', restrictIp: '0.0.0.0', maxOutstanding: 12, lifetimeSeconds: 0, idleSeconds: 0 });
      const connectd = await runStandIn(args, emulator.url);
      await connectd.waitFor(PROXY_STARTED);
      startupPatterns(port, ALICE.email, IDS.echo, 1).forEach((p, i) => assert.match(connectd.lines[i], p));
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

    it('without arguments prints the banner with Version 4.6 and the usage text, and exits non-zero', async () => {
      const connectd = await runStandIn([], emulator.url);
      const exit = await connectd.exited;
      assert.equal(exit.code, 255);
      assert.equal(connectd.lines[1], '   Version 4.6 - (c)2019 remot3.it, Inc. All Rights Reserved');
      const bundle = await standInBundle();
      assert.equal(connectd.lines[4], `usage: ${bundle} [-h] [-d][pid file] [-f config_file]`);
      assert.ok(connectd.lines.includes(' -c and -p must be last switch on the list'));
      assert.ok(connectd.lines.includes('\t\t-f specify a config file.'));
      assert.equal(connectd.lines.at(-1), '      -sch <port> server channel port.');
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
      it(`refuses ${what} with the usage text`, async () => {
        const { args } = await pArgs(IDS.echo);
        const connectd = await runStandIn(change(args), emulator.url);
        assert.equal((await connectd.exited).code, 255);
        assert.ok(connectd.lines.some((l) => l.startsWith('usage: ')), connectd.lines.join('\n'));
        if (detail) assert.equal(connectd.lines[4], detail(args));
        assert.equal(connectd.lines.some((l) => l.startsWith('!!')), false);
      });
    }

    it('-c refuses a lifetime without the idle limit', async () => {
      const connectd = await runStandIn(['-s', '-c', b64(ALICE.email), b64(ALICE.password), IDS.echo, 'T33000', '2', '127.0.0.1', '12', '5'], emulator.url);
      assert.equal((await connectd.exited).code, 255);
      assert.ok(connectd.lines.some((l) => l.startsWith('usage: ')));
    });

    it('-n prints the diagnostics transcript ending "Looks compatible." and exits 0', async () => {
      const connectd = await runStandIn(['-n'], emulator.url);
      assert.equal((await connectd.exited).code, 0);
      const transcript = connectd.lines.slice(4);
      assert.equal(transcript[0], 'Running Network Diagnostics');
      assert.equal(transcript[1], 'Checking if DNS works ... .[OK]');
      assert.match(transcript[2], /^Checking TCP connectivity to remote\.it\.\.\.<oip=[\d.]+> \[OK\]$/);
      assert.match(transcript[4], /^Send to [\d.]+:5959 \[\] \[mip=[\d.]+\] \[oport=\d+ mport=\d+\] \[preserve port\]$/);
      assert.deepEqual(transcript.slice(-8), ['This router preserves ports, this is optimal.', 'SHA1 test:', '  passed.', 'RC4 test:', '  passed', 'XXTEA test:', '  passed.', 'Looks compatible.']);
    });

    it('-n without a reachable server says "Not compatible." and exits 1', async () => {
      const connectd = await runStandIn(['-n'], `http://127.0.0.1:${await freePort()}`);
      assert.equal((await connectd.exited).code, 1);
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
      await assertExit(connectd, 11, /authentication error, {2}Connection To remot3\.it Service has Timed Out\. <\d{5}>/, 'ReqAuth');
      assert.equal(connectd.lines.some((l) => l.includes('state 5')), false);
    });

    it('011 for a wrong password (-c)', async () => {
      const connectd = await runStandIn(['-s', '-c', b64(ALICE.email), b64('wrong'), IDS.echo, `T${await freePort()}`, '2', '127.0.0.1', '12'], emulator.url);
      await assertExit(connectd, 11, /authentication error, {2}Connection To remot3\.it Service has Timed Out\. <\d{5}>/, 'ReqAuth');
    });

    it('011 once the auth hash is revoked', async () => {
      await control(emulator.controlUrl, '/account/revoke-authhash', { email: ALICE.email });
      const { file } = await fileFor(IDS.echo);
      const connectd = await runStandIn(['-s', '-f', file], emulator.url);
      await assertExit(connectd, 11, /authentication error, {2}Connection To remot3\.it Service has Timed Out\. <\d{5}>/, 'ReqAuth');
    });

    for (const [what, service] of [
      ['an offline service', IDS.down],
      ['a service of an offline device', IDS.sleepingSsh],
      ['another user’s service', IDS.bobSsh],
    ] as const) {
      it(`012 for ${what}, after signing in (state 5)`, async () => {
        const { file } = await fileFor(service);
        const connectd = await runStandIn(['-s', '-f', file], emulator.url);
        await assertExit(connectd, 12, 'auto connect failed, exiting', 'Conn');
        assert.ok(connectd.lines.some((l) => l.startsWith('!!status - server connection changed to state 5')));
      });
    }

    it('014 when the server cannot be reached', async () => {
      const { file } = await fileFor(IDS.echo);
      const connectd = await runStandIn(['-s', '-f', file], `http://127.0.0.1:${await freePort()}`);
      await assertExit(connectd, 14, /Connection To remot3\.it Service has Timed Out\. <\d{5}>/, 'ReqAuth');
      assert.equal(connectd.lines.filter((l) => /^!!status - Server Connection Retry\. <\d{5}>$/.test(l)).length, 3);
      assert.ok(connectd.lines.includes('Cannot connect to remote.it Servers, check network, is DNS configured?, check network parameters!'));
    });

    it('017 after "proxy startup failed." when the port is taken', async () => {
      const { port, file } = await fileFor(IDS.echo);
      const squatter = net.createServer();
      await new Promise<void>((resolve) => squatter.listen(port, '127.0.0.1', resolve));
      try {
        const connectd = await runStandIn(['-s', '-f', file], emulator.url);
        await assertExit(connectd, 17, `Cannot Bind Proxy Port ${port}.`, 'Conn');
        assert.equal(connectd.lines.at(-3), 'proxy startup failed.');
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
      await assertExit(connectd, 20, 'connection to peer closed or timed out.', 'Conn');
    });

    it('020 when the service goes offline while connected', async () => {
      const { file } = await fileFor(IDS.echo);
      const connectd = await runStandIn(['-s', '-f', file], emulator.url);
      await connectd.waitFor(PROXY_STARTED);
      await control(emulator.controlUrl, '/service/offline', { id: IDS.echo });
      await assertExit(connectd, 20, 'connection to peer closed or timed out.', 'Conn');
    });

    it('021 when the peer-to-peer connection fails', async () => {
      await control(emulator.controlUrl, '/service/p2p-fail', { id: IDS.echo });
      const { file } = await fileFor(IDS.echo);
      const connectd = await runStandIn(['-s', '-f', file], emulator.url);
      await assertExit(connectd, 21, 'connection to peer failed.', 'Conn');
      assert.equal(connectd.lines.at(-3), 'connection to peer failed.');
    });

    it('001 when the lifetime ends', async () => {
      const { args } = await pArgs(IDS.echo, { life: 1 });
      const connectd = await runStandIn(args, emulator.url);
      await assertExit(connectd, 1, /process lifetime expired \(1\) \+grace \(0\) max hit \(max max\) \(cur \d+\)\./, 'Conn');
      assert.equal(connectd.lines.at(-3), 'Lifetime Timeout.');
    });

    it('001 from the file’s lifetime and grace_period: idle after the lifetime', async () => {
      const { file } = await fileFor(IDS.echo, { lifetime: 1, grace_period: 1 });
      const connectd = await runStandIn(['-s', '-f', file], emulator.url);
      await assertExit(connectd, 1, /process lifetime expired \(cur=\d+\) idled out in grace \(grace=1\) period \(over lifetime 1\)\./, 'Conn');
    });

    it('001 when idle for the idle limit', async () => {
      const { args } = await pArgs(IDS.echo, { idle: 1 });
      const connectd = await runStandIn(args, emulator.url);
      await assertExit(connectd, 1, /process lifetime expired \(cur=\d+\) idled out in grace \(grace=1\) period \(over lifetime 0\)\./, 'Conn');
    });

    it('stays up while bytes flow within the idle limit', async () => {
      await emulator.close();
      emulator = await startEmulator({ world: { ...testWorld({ echoPort: echo.port, httpPort: 9 }), connectd: { ...FAST, minuteMs: 3000 } } });
      const { port, args } = await pArgs(IDS.echo, { idle: 1 });
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
      await assertExit(connectd, 1, /process lifetime expired \(cur=\d+\) idled out in grace \(grace=1\) period \(over lifetime 0\)\./, 'Conn');
    });
  });

  describe('autoconnect', () => {
    it('0 signs in and stays up without connecting to the peer', async () => {
      const { port, file } = await fileFor(IDS.echo, { autoconnect: 0 });
      const connectd = await runStandIn(['-s', '-f', file], emulator.url);
      await connectd.waitFor(/^!!status \d+ seconds since startup$/);
      assert.ok(connectd.lines.some((l) => l.startsWith('!!status - server connection changed to state 5')));
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
      await connectd.waitFor(/^!!throughput txBps=0 rxBps=0 pl=100000$/);
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

    it('prints "N seconds since startup" periodically', async () => {
      const { file } = await fileFor(IDS.echo);
      const connectd = await runStandIn(['-s', '-f', file], emulator.url);
      await connectd.waitFor(/^!!status \d+ seconds since startup$/);
    });
  });
});
