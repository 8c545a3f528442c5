// The engine with its real system services (child processes, sockets, files) against a tiny connectd double
// that follows the facts: reads its -f file, prints connectd's startup lines, listens on the port, and answers SIGTERM
// with `!!exit [003]`. Waits are event-driven with generous limits.
import * as assert from 'node:assert/strict';
import { existsSync, promises as fs, readdirSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_ENGINE_SETTINGS } from '../../../src/core/connections/deps';
import { ConnectionManager } from '../../../src/core/connections/manager';
import { systemServices } from '../../../src/core/connections/system';
import { MemoryStore, RecordingLogger, until } from './fakes';
import { AUTH_HASH, HTTP, USER } from './harness';

const DOUBLE = `
const fs = require('node:fs');
const net = require('node:net');
const file = process.argv[process.argv.indexOf('-f') + 1];
const conf = Object.fromEntries(fs.readFileSync(file, 'utf8').split(/\\r?\\n/).filter((l) => l && !l.startsWith('#')).map((l) => l.split(/\\s+/)));
const port = Number(conf.proxy_local_port);
const out = (l) => process.stdout.write(l + '\\n');
out('Connectd built Apr 20 2019 at 16:38:16 Now Starting Up');
out('   Version 4.6 - (c)2019 remot3.it, Inc. All Rights Reserved');
setTimeout(() => {
  out('proxy local port is TCP = ' + port + ' ');
  out('!!status - pid=' + process.pid);
  const server = net.createServer((s) => s.end());
  server.listen(port, conf.proxy_bind_address, () => {
    out('Starting Proxy on port ' + port + ' on index 1.');
    out('Proxy started.');
  });
}, 200);
process.on('SIGTERM', () => {
  out('!!exit [003] : termination from signal 15');
  out('!!exit - process closed (last state 5).');
  process.exit(3);
});
`;

describe('the engine with real processes and sockets', function () {
  if (process.platform === 'win32') return;
  this.timeout(30_000);
  let dir: string;
  let manager: ConnectionManager;

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rit-real-'));
    const connectd = path.join(dir, 'connectd');
    // A random slice of the default range, so parallel runs on one machine do not race for the same ports.
    const first = 33000 + Math.floor(Math.random() * 90) * 100;
    const portRange = `${first}-${first + 99}`;
    await fs.writeFile(connectd, `#!${process.execPath}\n${DOUBLE}`, { mode: 0o755 });
    manager = new ConnectionManager({
      ...systemServices(),
      credentials: async () => ({ user: USER, authHash: AUTH_HASH }),
      connectdPath: async () => connectd,
      settings: () => ({ ...DEFAULT_ENGINE_SETTINGS, portRange }),
      storageDir: path.join(dir, 'storage'),
      store: new MemoryStore(),
      logger: new RecordingLogger(),
    });
  });

  afterEach(async () => {
    await manager.dispose();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('connects, removes the provisioning file, and stops the process for good', async () => {
    const started = await manager.start(HTTP);
    assert.equal(started.state, 'starting');
    const ready = await manager.waitUntilReady(HTTP.serviceId, 20_000);
    assert.ok(ready.port! >= 33000 && ready.port! <= 42999);
    assert.equal(ready.version, '4.6');
    // Removal starts at connectd's first line after the banner, well before the proxy line; it is asynchronous.
    const provisioning = path.join(dir, 'storage', 'provisioning');
    await until(() => readdirSync(provisioning).length === 0, 'provisioning file removed', 10_000);
    assert.ok(existsSync(`/proc/${ready.pid}`) || process.platform !== 'linux');

    await manager.stop(HTTP.serviceId);
    const stopped = manager.get(HTTP.serviceId)!;
    assert.equal(stopped.state, 'idle');
    assert.equal(stopped.failure, undefined);
    assert.throws(() => process.kill(ready.pid!, 0), 'connectd process gone');
    assert.deepEqual(await fs.readdir(path.join(dir, 'storage', 'pids')), []);
  });

  it('restarts a connectd killed from outside', async () => {
    await manager.start(HTTP);
    const first = await manager.waitUntilReady(HTTP.serviceId, 20_000);
    process.kill(first.pid!, 'SIGKILL');
    const reconnecting = await new Promise((resolve) => {
      const sub = manager.onDidChange((s) => {
        if (s.state === 'reconnecting') {
          sub.dispose();
          resolve(s);
        }
      });
    });
    assert.ok(reconnecting);
    const again = await manager.waitUntilReady(HTTP.serviceId, 20_000);
    assert.notEqual(again.pid, first.pid);
    assert.equal(again.port, first.port);
  });
});
