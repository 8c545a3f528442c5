// Starts the world one test run talks to: the remote.it emulator with the demo world, a real HTTP target and a
// real sshd behind its services, and writes the TestFixture JSON the in-host tests read (REMOTEIT_TEST_FIXTURE).
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FIXTURE_ENV, type TestFixture } from '../fixture';
import { DEMO_ACCOUNT, DEMO_SERVICES, demoWorld, startEmulator, startHttpTarget, STANDIN_ENV, type World } from '../emulator';
import { repoRoot } from '../../scripts/lib/paths';
import { LARGE_ACCOUNT, withLargeAccount } from './largeAccount';
import { startSshd } from './sshd';

/** The connectd stand-in, built by `node esbuild.mjs --tests`. */
export const CONNECTD_STANDIN = path.join(repoRoot, 'out', 'emulator', 'connectd');

export interface RunningFixtures {
  fixture: TestFixture;
  fixturePath: string;
  /** Environment for the VS Code server: the stand-in's emulator URL and the fixture path. */
  env: Record<string, string>;
  /** User settings pointing the extension at the emulator and the stand-in. */
  settings: Record<string, unknown>;
  world: World;
  close(): Promise<void>;
}

export interface FixtureOptions {
  /** The run dir: fixture.json, sshd/ and test outputs go here. */
  runDir: string;
}

/** Devices of the second account, enough for three GraphQL pages of 1000. */
const LARGE_DEVICES = 2500;

export async function startFixtures(options: FixtureOptions): Promise<RunningFixtures> {
  if (!fs.existsSync(CONNECTD_STANDIN)) throw new Error(`${CONNECTD_STANDIN} is missing: run \`node esbuild.mjs --tests\` first`);
  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const c of closers.reverse()) await c().catch((err: unknown) => console.error(`[fixtures] close failed: ${String(err)}`));
  };
  try {
    // A per-run token in the page proves a test reached this run's target, not some other server.
    const expectBody = `remote.it test target ${crypto.randomBytes(4).toString('hex')}`;
    const target = await startHttpTarget({ body: expectBody });
    closers.push(() => target.close());
    const sshd = await startSshd(path.join(options.runDir, 'sshd'));
    closers.push(() => sshd.close());
    const world = withLargeAccount(demoWorld({ httpPort: target.port, sshPort: sshd.port }), LARGE_DEVICES);
    const emulator = await startEmulator({ world });
    closers.push(() => emulator.close());

    const settings: Record<string, unknown> = {
      'remoteit.apiUrl': emulator.url,
      'remoteit.connectd.path': CONNECTD_STANDIN,
      // Never touch the machine's ~/.ssh/config, and never stop at the "which SSH user?" prompt.
      'remoteit.ssh.configFile': path.join(options.runDir, 'ssh_config'),
      'remoteit.ssh.user': sshd.user,
      // Open works out of the box: the sshd's client key, and its host key recorded in a known_hosts of this
      // run (never the machine's ~/.ssh/known_hosts).
      'remoteit.ssh.options': { IdentityFile: sshd.clientKey, IdentitiesOnly: 'yes', UserKnownHostsFile: path.join(options.runDir, 'known_hosts'), StrictHostKeyChecking: 'accept-new' },
      // Tests open what they mean to open (scripts/demo.ts turns this back to the default).
      'remoteit.openAfterConnect': 'never',
    };
    const outputDir = path.join(options.runDir, 'results');
    fs.mkdirSync(outputDir, { recursive: true });
    const fixture: TestFixture = {
      apiUrl: emulator.url,
      controlUrl: emulator.controlUrl,
      connectdPath: CONNECTD_STANDIN,
      account: { email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password, authHash: DEMO_ACCOUNT.authHash, accessKey: DEMO_ACCOUNT.accessKey },
      services: {
        http: { ...describeService(world, DEMO_SERVICES.web), expectBody },
        ssh: { ...describeService(world, DEMO_SERVICES.ssh), user: sshd.user },
        offline: describeService(world, DEMO_SERVICES.vnc),
      },
      largeAccount: { email: LARGE_ACCOUNT.email, password: LARGE_ACCOUNT.password, devices: LARGE_DEVICES },
      sshClientKey: sshd.clientKey,
      outputDir,
      settings,
    };
    const fixturePath = path.join(options.runDir, 'fixture.json');
    // Holds the test account's password: readable by the owner only.
    fs.writeFileSync(fixturePath, JSON.stringify(fixture, null, 2), { mode: 0o600 });
    return {
      fixture,
      fixturePath,
      env: { [STANDIN_ENV]: emulator.url, [FIXTURE_ENV]: fixturePath },
      settings,
      world: emulator.world,
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

function describeService(world: World, id: string): { id: string; name: string; deviceName: string } {
  for (const device of world.devices) {
    const service = device.services.find((s) => s.id === id);
    if (service) return { id, name: service.name ?? service.id, deviceName: device.name ?? device.id };
  }
  throw new Error(`service ${id} is not in the demo world`);
}
