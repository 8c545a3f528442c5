import * as assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import { startEmulator, type RunningEmulator } from './index';
import { ALICE, exchange, freePort, IDS, provisioning, runStandIn, sha256, startEchoTarget, stopAllStandIns, tempFile, testWorld } from './testSupport';

/** The -s startup lines of §6.2, in order, with the variable parts as patterns. */
function startupPatterns(port: number, user: string, uid: string, encryption: number): RegExp[] {
  const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
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

describe('connectd stand-in', function () {
  this.timeout(30_000);
  let echo: { port: number; close(): Promise<void> };
  let emulator: RunningEmulator;

  before(async () => {
    echo = await startEchoTarget();
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
      const port = await freePort();
      const file = tempFile('echo.conf', provisioning({ autoconnect: 1, user_id: ALICE.email, auth_hash: ALICE.authHash, remote_address: IDS.echo, proxy_local_port: port, proxy_bind_address: '127.0.0.1', max_depth: 12 }));
      const connectd = await runStandIn(['-s', '-f', file], emulator.url);
      await connectd.waitFor(/^Proxy started\.$/);
      const patterns = startupPatterns(port, ALICE.email, IDS.echo, 2);
      assert.equal(connectd.lines.length, patterns.length, connectd.lines.join('\n'));
      connectd.lines.forEach((l, i) => assert.match(l, patterns[i]));

      const payload = Buffer.from('hello through the proxy');
      assert.equal(sha256(await exchange(port, payload)), sha256(payload));

      const exit = await connectd.stop('SIGTERM');
      assert.equal(exit.code, 3);
      assert.deepEqual(connectd.lines.slice(-2), ['!!exit [003] : termination from signal 15', '!!exit - process closed (last state Conn).']);
    });

    it('reads the file completely at startup, so deleting it right after the first line changes nothing', async () => {
      const port = await freePort();
      const file = tempFile('secret.conf', provisioning({ autoconnect: 1, user_id: ALICE.email, auth_hash: ALICE.authHash, remote_address: IDS.echo, proxy_local_port: port }));
      const connectd = await runStandIn(['-s', '-f', file], emulator.url);
      await connectd.waitFor(/./);
      rmSync(file);
      await connectd.waitFor(/^Proxy started\.$/);
      assert.equal(existsSync(file), false);
    });
  });
});
