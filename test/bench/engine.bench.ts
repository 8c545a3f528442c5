// The connection engine's own overhead (src/core/connections/manager.ts): start → ready → stop with the unit
// tests' scripted processes and clock (test/unit/connections/fakes.ts), so connectd costs nothing and what is
// left is the engine: launch (provisioning and pid files on a real temp disk), output parsing, state changes
// and events, the readiness probe, stop and clean-up.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ProcessOutput, SpawnedProcess, Spawner } from '../../src/core/connectd/spawner';
import { DEFAULT_ENGINE_SETTINGS, type EngineSettings, type Logger } from '../../src/core/connections/deps';
import { ConnectionManager } from '../../src/core/connections/manager';
import type { ConnectionRequest } from '../../src/core/connections/types';
import { FakeClock, FakeProcess, FakeProcessTable, MemoryStore } from '../unit/connections/fakes';
import { AUTH_HASH, USER, proxyLines, startupLines } from '../unit/connections/harness';
import { measure, type Section } from './measure';

const SETTINGS: EngineSettings = { ...DEFAULT_ENGINE_SETTINGS };

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Scripted processes, created at once (the unit tests' FakeSpawner also reads each provisioning file back). */
class ScriptedSpawner implements Spawner {
  readonly byPid = new Map<number, FakeProcess>();
  private nextPid = 50_000;

  async spawn(command: string, args: readonly string[], output: ProcessOutput): Promise<SpawnedProcess> {
    const child = new FakeProcess(this.nextPid++, command, args, output, undefined);
    this.byPid.set(child.pid, child);
    void child.exited.then(() => this.byPid.delete(child.pid));
    return child;
  }
}

interface Engine {
  manager: ConnectionManager;
  spawner: ScriptedSpawner;
  dispose(): Promise<void>;
}

async function engine(): Promise<Engine> {
  const storageDir = await fs.mkdtemp(path.join(os.tmpdir(), 'rit-bench-engine-'));
  const spawner = new ScriptedSpawner();
  const manager = new ConnectionManager({
    spawner,
    clock: new FakeClock(),
    credentials: async () => ({ user: USER, authHash: AUTH_HASH }),
    connectdPath: async () => '/opt/remoteit/connectd',
    settings: () => SETTINGS,
    storageDir,
    store: new MemoryStore(),
    // Every proxy "answers": readiness then rests on connectd's lines, as with a real listener.
    probe: async () => true,
    isPortFree: async () => true,
    processes: new FakeProcessTable(),
    logger: quiet,
  });
  return {
    manager,
    spawner,
    dispose: async () => {
      await manager.dispose();
      await fs.rm(storageDir, { recursive: true, force: true });
    },
  };
}

const request = (i: number): ConnectionRequest => ({
  serviceId: `80:00:00:00:01:00:${(i >> 8).toString(16).toUpperCase().padStart(2, '0')}:${(i & 0xff).toString(16).toUpperCase().padStart(2, '0')}`,
  name: `bench device ${i} – ssh`,
  application: 28,
});

/** start → connectd prints its normal startup → ready. */
async function bringUp({ manager, spawner }: Engine, r: ConnectionRequest): Promise<void> {
  const started = await manager.start(r);
  const child = spawner.byPid.get(started.pid ?? -1);
  if (!child || started.port === undefined) throw new Error(`engine bench: ${r.name} did not spawn (${started.state}: ${started.failure?.message})`);
  child.lines(...startupLines(), ...proxyLines(started.port));
  await manager.waitUntilReady(r.serviceId);
}

async function cycle(e: Engine, requests: readonly ConnectionRequest[]): Promise<void> {
  await Promise.all(requests.map((r) => bringUp(e, r)));
  await Promise.all(requests.map((r) => e.manager.stop(r.serviceId)));
  for (const r of requests) if (e.manager.get(r.serviceId)?.state !== 'idle') throw new Error(`engine bench: ${r.name} did not stop`);
}

export const engineSection: Section = {
  title: '4. Connection engine: ConnectionManager over scripted processes',
  async run() {
    const e = await engine();
    try {
      const hundred = Array.from({ length: 100 }, (_, i) => request(i));
      const one = [request(1000)];
      const rows = [
        await measure('100 connections at once: start → ready → stop', () => cycle(e, hundred), { unitsPerOp: 100, unit: 'cycles', size: '100 connections', minMs: 2000 }),
        await measure('1 connection: start → ready → stop', () => cycle(e, one), { unit: 'cycles', minMs: 1000 }),
      ];

      // A ready connection receiving throughput lines: split, secret scrub, parse, snapshot and event per line.
      const r = request(2000);
      await bringUp(e, r);
      const child = e.spawner.byPid.get(e.manager.get(r.serviceId)!.pid!)!;
      let events = 0;
      const counting = e.manager.onDidChange(() => events++);
      const batch = Array.from({ length: 1000 }, (_, i) => `!!throughput txBps=${i * 31} rxBps=${i * 97} pl=100000\n`).join('');
      rows.push(await measure('ready connection: !!throughput lines → change events', () => child.print(batch), { unitsPerOp: 1000, unit: 'lines', size: '1,000 lines', minMs: 1000 }));
      counting.dispose();
      if (events === 0) throw new Error('engine bench: throughput lines raised no change events');
      return { rows };
    } finally {
      await e.dispose();
    }
  },
};
