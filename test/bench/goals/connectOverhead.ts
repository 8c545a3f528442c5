// P1: what the extension adds to connecting. "connect → ready" through the real engine (ConnectionManager with
// the real spawner, clock, port check and TCP probe, a provisioning file and a pid file on disk) against a bare
// baseline that only spawns the same connectd stand-in, reads "Proxy started." and makes one TCP connection.
// Both run against the same emulator (a process of its own, as remote.it is), interleaved (ABBA), and the medians are compared.
import { spawn } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileArgs } from '../../../src/core/connectd/args';
import { connectdEnvironment } from '../../../src/core/connectd/childEnv';
import { LineSplitter } from '../../../src/core/connectd/lines';
import { initiatorProvisioning, writeProvisioningFile } from '../../../src/core/connectd/provisioning';
import { parseStatusLine } from '../../../src/core/connectd/statusLine';
import { DEFAULT_ENGINE_SETTINGS, type Logger } from '../../../src/core/connections/deps';
import { ConnectionManager } from '../../../src/core/connections/manager';
import type { Spawner } from '../../../src/core/connectd/spawner';
import { systemServices } from '../../../src/core/connections/system';
import type { ConnectionRequest } from '../../../src/core/connections/types';
import { generateWorld, generatedUid, STANDIN_ENV, type Account } from '../../emulator/index';
import { startEmulatorProcess } from '../emulatorProcess';
import { MemoryStore } from '../../unit/connections/fakes';
import { freePort, STAND_IN } from '../standIn.bench';
import { median, ms, unmeasured, type GoalResult } from './goal';

/**
 * The extension's part is a few ms of ~75 ms, while one start of the stand-in (a Node process) varies by more than
 * that on a busy machine: the median of 60 pairs' ratios moves less between runs than that of 30 did (1.04–1.11×).
 */
const PAIRS = 60;
const WARMUP_PAIRS = 2;
const LIMIT = 1.1;
const SERVICE = generatedUid(1);
const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** spawn → "Proxy started." → one TCP connect, with nothing else: the floor any connect is measured against. */
async function bareConnect(account: Account, dir: string): Promise<number> {
  const port = await freePort();
  const file = await writeProvisioningFile(dir, initiatorProvisioning({ user: account.email, authHash: account.authHash }, { serviceId: SERVICE, port, bindAddress: '127.0.0.1', restrictIp: '0.0.0.0', maxOutstanding: 12, encryption: 2, lifetimeSeconds: 0, idleSeconds: 0 }));
  const started = performance.now();
  const child = spawn(STAND_IN, fileArgs(file), { env: connectdEnvironment(), stdio: ['pipe', 'pipe', 'pipe'] });
  try {
    await new Promise<void>((resolve, reject) => {
      const splitter = new LineSplitter();
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        if (splitter.push(chunk).some((line) => parseStatusLine(line).kind === 'proxyStarted')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`the connectd stand-in exited (${code}) before "Proxy started."`)));
    });
    await new Promise<void>((resolve, reject) => {
      const socket = net.connect({ host: '127.0.0.1', port }, () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', reject);
    });
    return performance.now() - started;
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    await fs.rm(file, { force: true });
  }
}

/** When the engine handed the launch to the spawner, relative to the click (for the notes). */
const spawnCalls: number[] = [];
let clickedAt = 0;

/** The real spawner, noting when the engine got round to calling it. */
function notingSpawner(real: Spawner): Spawner {
  return {
    spawn: (command, args, output) => {
      spawnCalls.push(performance.now() - clickedAt);
      return real.spawn(command, args, output);
    },
  };
}

/** The same connect as a user's click: start() → `ready` (proxy line seen and the port answered a probe). */
async function engineConnect(manager: ConnectionManager, request: ConnectionRequest): Promise<number> {
  const started = performance.now();
  clickedAt = started;
  await manager.start(request);
  await manager.waitUntilReady(request.serviceId, 30_000);
  const elapsed = performance.now() - started;
  await manager.stop(request.serviceId);
  return elapsed;
}

export async function connectOverheadGoal(): Promise<GoalResult> {
  const name = 'connect overhead (engine ÷ bare stand-in start)';
  if (!existsSync(STAND_IN)) return unmeasured('P1', name, '≤', LIMIT, '×', `${path.relative(process.cwd(), STAND_IN)} is not built (run \`node esbuild.mjs --tests\`)`);
  // connectDelayMs 0: the stand-in's simulated peer set-up is left out of both sides alike.
  const world = generateWorld({ devices: 1, servicesPerDevice: 1, connectd: { connectDelayMs: 0 } });
  const emulator = await startEmulatorProcess(world);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rit-goal-connect-'));
  const previousApi = process.env[STANDIN_ENV];
  process.env[STANDIN_ENV] = emulator.url;
  const account = world.accounts[0];
  const system = systemServices();
  const manager = new ConnectionManager({
    ...system,
    spawner: notingSpawner(system.spawner),
    credentials: async () => ({ user: account.email, authHash: account.authHash }),
    connectdPath: async () => STAND_IN,
    settings: () => DEFAULT_ENGINE_SETTINGS,
    storageDir: path.join(dir, 'storage'),
    store: new MemoryStore(),
    logger: quiet,
  });
  const request: ConnectionRequest = { serviceId: SERVICE, name: 'bench – ssh', application: 28 };
  try {
    const engine: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < WARMUP_PAIRS + PAIRS; i++) {
      // ABBA: neither side always runs first (a warm cache or a just-freed port favours the second).
      const first = i % 2 === 0;
      const a = first ? await engineConnect(manager, request) : await bareConnect(account, dir);
      const b = first ? await bareConnect(account, dir) : await engineConnect(manager, request);
      if (i < WARMUP_PAIRS) continue;
      engine.push(first ? a : b);
      bare.push(first ? b : a);
    }
    // Pairs ran moments apart, so each pair's ratio cancels the load of that moment; the median of the ratios
    // is what a noisy machine cannot move much.
    const ratio = median(engine.map((e, i) => e / bare[i]));
    return {
      id: 'P1',
      name,
      value: ratio,
      op: '≤',
      limit: LIMIT,
      unit: '×',
      notes: [
        `engine start → ready ${ms(median(engine))} vs bare spawn → "Proxy started." → TCP connect ${ms(median(bare))} (medians; value = median of ${PAIRS} interleaved pairs' ratios, after ${WARMUP_PAIRS} warm-up pairs)`,
        `engine before the spawn: ${ms(median(spawnCalls.slice(WARMUP_PAIRS)))} (state event, credentials, port check, provisioning file); then execa in a private cwd, pid file, line parsing, the TCP probe`,
      ],
    };
  } finally {
    await manager.dispose();
    if (previousApi === undefined) delete process.env[STANDIN_ENV];
    else process.env[STANDIN_ENV] = previousApi;
    await emulator.close();
    await fs.rm(dir, { recursive: true, force: true });
  }
}
