// `npm run demo`: the extension in a browser VS Code against the emulator's demo world (a real web page and a
// real sshd among its services). Everything binds 127.0.0.1; Ctrl-C stops all of it.
//   node --import tsx scripts/demo.ts [--port 8080] [--host oldest|newest]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startFixtures, type RunningFixtures } from '../test/support/fixtures';
import { optionValue } from './lib/args';
import { buildExtension, packageVsix } from './lib/build';
import { startCodeServer, type RunningCodeServer } from './lib/codeServer';
import { ensureHost, parseHostName } from './lib/hosts';
import { newRunDir } from './lib/runDir';
import { ensureSystemReady } from './lib/systemSetup';

async function main(): Promise<void> {
  const port = Number(optionValue('--port') ?? 8080);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`--port must be a TCP port, not ${optionValue('--port')}`);
  const hostName = parseHostName(optionValue('--host') ?? 'oldest');
  await ensureSystemReady({ hosts: [hostName], sshd: true });
  const host = await ensureHost(hostName);
  const runDir = newRunDir('demo');
  const buildLog = path.join(runDir, 'build.log');
  await buildExtension(buildLog, { tests: true }); // --tests: also the connectd stand-in
  const vsix = await packageVsix(path.join(runDir, 'remoteit-connect.vsix'), buildLog);

  let fixtures: RunningFixtures | undefined;
  let server: RunningCodeServer | undefined;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\n[demo] stopping code-server, the emulator, the web target and sshd…');
    await server?.close();
    await fixtures?.close();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  try {
    fixtures = await startFixtures({ runDir });
    const workspace = path.join(runDir, 'workspace');
    fs.mkdirSync(workspace, { recursive: true });
    // The demo opens SSH and web services as soon as they connect, as a user's VS Code would.
    const settings = { ...fixtures.settings, 'remoteit.openAfterConnect': 'sshAndWeb' };
    server = await startCodeServer({ host, runDir, port, workspace, settings, env: fixtures.env, extension: { vsix } });
  } catch (err) {
    console.error(`[demo] ${err instanceof Error ? err.message : String(err)}${port === 8080 ? '\n[demo] (port 8080 busy? try --port 8081)' : ''}`);
    await stop(1);
    return;
  }
  const { fixture } = fixtures;
  console.log(`
remote.it Connect demo is running (code-server ${host.version}, VS Code ${host.vscodeVersion}).

  Open:      ${server.workbenchUrl()}
  Sign in:   ${fixture.account.email} / ${fixture.account.password}
             (remote.it icon in the activity bar → Sign in)
  Try:       "${fixture.services.http.deviceName}" → "${fixture.services.http.name}" → Connect: it opens in a browser tab (click its status bar item to open it again);
             "${fixture.services.ssh.name}" opens ssh to a real sshd (its key and a private known_hosts are set in remoteit.ssh.options).

  API emulator: ${fixture.apiUrl}   logs and state: ${runDir}
  Press Ctrl-C to stop everything.
`);
}

main().catch((err: unknown) => {
  console.error(`[demo] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
