// What the real connectd 4.6 taught, checked in a real extension host against the stand-in (which now behaves
// like the real binary): the engine's own start timeout, lifetime and idle limits; connectd never runs in the
// host's working directory (where a connectd.conf would start a daemon) and never sees the host's environment.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { readConnectdVersion } from '../../src/core/connectd/binary';
import { ChildProcessSpawner } from '../../src/core/connectd/spawner';
import { FIXTURE_ENV } from '../fixture';
import type { RemoteItExtensionApi } from '../../src/api';
import type { ConnectionSnapshot } from '../../src/core/connections/types';
import { answerDialogs, eventually, fixture, httpGet, inState, processAlive, restoreRunnerSettings, signIn, waitFor } from './support';

const config = () => vscode.workspace.getConfiguration('remoteit');
const SETTINGS = ['connectd.path', 'connectd.lifetimeMinutes', 'connectd.idleMinutes', 'connectd.startTimeoutSeconds'];

/** A port nothing listens on (bound, then released). */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('connectd as it really is (start timeout, lifetime, idle, working directory, environment)', function () {
  this.timeout(60_000);
  const { http } = fixture().services;

  // The runner's own settings (connectd.path points at the stand-in) come back after each test.
  afterEach(async () => {
    await vscode.commands.executeCommand('remoteit.disconnectAll');
    await restoreRunnerSettings(...SETTINGS);
  });

  it('a start that cannot reach remote.it fails after remoteit.connectd.startTimeoutSeconds as "Cannot reach remote.it", offering Retry and Network Diagnostics', async () => {
    const a = await signIn();
    // connectd that finds no remote.it server: it keeps trying (the real one would for 60 s, then exit 014).
    const dir = fs.mkdtempSync(path.join(fixture().outputDir, 'silent-'));
    const wrapper = path.join(dir, 'connectd');
    fs.writeFileSync(wrapper, `#!/bin/sh\nCONNECTD_STANDIN_API='http://127.0.0.1:${await closedPort()}' exec '${fixture().connectdPath}' "$@"\n`, { mode: 0o755 });
    await config().update('connectd.path', wrapper, vscode.ConfigurationTarget.Global);
    await config().update('connectd.startTimeoutSeconds', 4, vscode.ConfigurationTarget.Global);
    const offered: string[][] = [];
    const dialogs = answerDialogs((message, buttons) => {
      if (/Cannot reach remote\.it/.test(message)) offered.push(buttons);
      return undefined;
    });
    const pids = new Set<number>();
    const watching = a.onDidChangeConnection((s) => {
      if (s.id === http.id && s.pid !== undefined) pids.add(s.pid);
    });
    try {
      const started = Date.now();
      await vscode.commands.executeCommand('remoteit.connect', http.id);
      const failed = await waitFor(a, http.id, inState('failed'), 'failed after the start timeout', 20_000);
      assert.equal(failed.failure?.action, 'network');
      assert.match(failed.failure?.message ?? '', /^Cannot reach remote\.it: .*within 4 s\. .*Network Diagnostics/);
      assert.ok(Date.now() - started < 15_000, 'well before connectd’s own 60 s');
      assert.equal(pids.size, 1, 'one connectd, no retry loop');
      assert.equal(processAlive([...pids][0]), false, 'connectd was stopped');
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.ok(
        offered.some((buttons) => buttons.includes('Retry') && buttons.some((b) => /Network Diagnostics/.test(b))),
        `Retry and Network Diagnostics offered (got ${JSON.stringify(offered)})`,
      );
    } finally {
      watching.dispose();
      dialogs.restore();
    }
  });

  /** Every change of the connection from now on (the limits are short: the command may return after them). */
  function record(a: RemoteItExtensionApi): { changes: ConnectionSnapshot[]; ready: () => Promise<ConnectionSnapshot>; closed: () => Promise<ConnectionSnapshot>; dispose(): void } {
    const changes: ConnectionSnapshot[] = [];
    const sub = a.onDidChangeConnection((s) => s.id === http.id && changes.push(s));
    const readyAt = () => changes.findIndex((s) => s.state === 'ready');
    const after = (what: string, find: () => ConnectionSnapshot | undefined) => eventually(() => find() !== undefined, what, 20_000).then(() => find()!);
    return {
      changes,
      ready: () => after('ready', () => changes[readyAt()]),
      closed: () => after('closed after ready', () => (readyAt() < 0 ? undefined : changes.slice(readyAt()).find((s) => s.state === 'idle' || s.state === 'failed'))),
      dispose: () => sub.dispose(),
    };
  }

  it('closes a connection when its lifetime (remoteit.connectd.lifetimeMinutes) is over, even with -f (connectd ignores it there)', async () => {
    const a = await signIn();
    await config().update('connectd.lifetimeMinutes', 0.05, vscode.ConfigurationTarget.Global);
    const seen = record(a);
    await vscode.commands.executeCommand('remoteit.connect', http.id);
    const ready = await seen.ready();
    const closed = await seen.closed();
    seen.dispose();
    assert.equal(closed.state, 'idle');
    assert.equal(closed.failure?.code, 1);
    assert.match(closed.failure?.message ?? '', /^Connection lifetime expired: closed after 3 s/);
    assert.equal(processAlive(ready.pid!), false);
  });

  it('closes a connection idle for remoteit.connectd.idleMinutes; traffic through it keeps it open', async () => {
    const a = await signIn();
    await config().update('connectd.idleMinutes', 0.05, vscode.ConfigurationTarget.Global);
    const seen = record(a);
    const connecting = vscode.commands.executeCommand('remoteit.connect', http.id);
    const ready = await seen.ready();
    for (let i = 0; i < 6; i++) {
      assert.match(await httpGet(ready.port!), new RegExp(http.expectBody));
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    assert.equal(a.connection(http.id)?.state, 'ready', '6 s of traffic with a 3 s idle limit: still open');
    const closed = await seen.closed();
    seen.dispose();
    await connecting;
    assert.equal(closed.state, 'idle');
    assert.match(closed.failure?.message ?? '', /^Connection idle: closed after 3 s without traffic/);
  });

  it('connectd runs in a private, empty working directory with a minimal environment: a connectd.conf where VS Code runs changes nothing', async () => {
    const a = await signIn();
    const hostDir = fs.mkdtempSync(path.join(fixture().outputDir, 'host-cwd-'));
    const trapPort = await closedPort();
    const f = fixture();
    // A usable initiator configuration: a connectd started without arguments in this folder would serve it.
    fs.writeFileSync(
      path.join(hostDir, 'connectd.conf'),
      [`user_id ${f.account.email}`, `auth_hash ${f.account.authHash}`, `remote_address ${http.id}`, `proxy_local_port ${trapPort}`, '# keep this comment line here', ''].join('\n'),
    );
    const previous = process.cwd();
    process.chdir(hostDir);
    try {
      const started = Date.now();
      const version = await readConnectdVersion(f.connectdPath, new ChildProcessSpawner(), 10_000);
      assert.equal(version.version, '4.6');
      assert.ok(Date.now() - started < 5_000, 'the version probe (-h) answers at once');

      await vscode.commands.executeCommand('remoteit.connect', http.id);
      const ready = await waitFor(a, http.id, inState('ready'), 'ready');
      assert.match(await httpGet(ready.port!), new RegExp(http.expectBody));
      assert.equal(await listening(trapPort), false, 'nothing was started from the connectd.conf in the host’s folder');

      const cwd = fs.readlinkSync(`/proc/${ready.pid}/cwd`);
      assert.notEqual(cwd, hostDir);
      assert.deepEqual(fs.readdirSync(cwd), []);
      assert.equal(fs.statSync(cwd).mode & 0o777, 0o700);
      const environ = fs.readFileSync(`/proc/${ready.pid}/environ`, 'utf8').split('\0');
      assert.ok(environ.some((e) => e.startsWith('PATH=')));
      assert.equal(environ.some((e) => e.startsWith(`${FIXTURE_ENV}=`)), false, 'the host’s environment stays with the host');
      assert.equal(environ.some((e) => e.startsWith('VSCODE_')), false);
    } finally {
      process.chdir(previous);
    }
  });
});
