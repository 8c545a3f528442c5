// The real ConnectionManager over scripted connectd processes (the unit tests' FakeProcess): connectd costs
// nothing, so what is measured is the engine. Output reaches the engine exactly as the real spawner hands it
// on (ProcessOutput chunks); files (provisioning, pid) are written to a real temporary disk.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ProcessOutput, SpawnedProcess, Spawner } from '../../src/core/connectd/spawner';
import type { Clock } from '../../src/core/clock';
import { DEFAULT_ENGINE_SETTINGS, type Logger } from '../../src/core/connections/deps';
import { ConnectionManager } from '../../src/core/connections/manager';
import type { ConnectionRequest } from '../../src/core/connections/types';
import { FakeClock, FakeProcess, FakeProcessTable, MemoryStore } from '../unit/connections/fakes';
import { AUTH_HASH, USER, proxyLines, startupLines } from '../unit/connections/harness';

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Scripted processes, created at once (the unit tests' FakeSpawner also reads each provisioning file back). */
export class ScriptedSpawner implements Spawner {
  readonly byPid = new Map<number, FakeProcess>();
  private nextPid = 50_000;

  async spawn(command: string, args: readonly string[], output: ProcessOutput): Promise<SpawnedProcess> {
    const child = new FakeProcess(this.nextPid++, command, args, output, undefined);
    this.byPid.set(child.pid, child);
    void child.exited.then(() => this.byPid.delete(child.pid));
    return child;
  }
}

export interface ScriptedEngine {
  manager: ConnectionManager;
  spawner: ScriptedSpawner;
  /** The process behind a live connection. */
  processOf(serviceId: string): FakeProcess;
  dispose(): Promise<void>;
}

/** A manager on `clock` (default: a fake clock that never moves on its own). */
export async function scriptedEngine(clock: Clock = new FakeClock()): Promise<ScriptedEngine> {
  const storageDir = await fs.mkdtemp(path.join(os.tmpdir(), 'rit-bench-engine-'));
  const spawner = new ScriptedSpawner();
  const manager = new ConnectionManager({
    spawner,
    clock,
    credentials: async () => ({ user: USER, authHash: AUTH_HASH }),
    connectdPath: async () => '/opt/remoteit/connectd',
    settings: () => DEFAULT_ENGINE_SETTINGS,
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
    processOf: (serviceId) => {
      const child = spawner.byPid.get(manager.get(serviceId)?.pid ?? -1);
      if (!child) throw new Error(`engine bench: ${serviceId} has no running process`);
      return child;
    },
    dispose: async () => {
      await manager.dispose();
      await fs.rm(storageDir, { recursive: true, force: true });
    },
  };
}

export const benchRequest = (i: number): ConnectionRequest => ({
  serviceId: `80:00:00:00:01:00:${(i >> 8).toString(16).toUpperCase().padStart(2, '0')}:${(i & 0xff).toString(16).toUpperCase().padStart(2, '0')}`,
  name: `bench device ${i} – ssh`,
  application: 28,
});

/** start → connectd prints its normal startup → ready. */
export async function bringUp({ manager, spawner }: ScriptedEngine, r: ConnectionRequest): Promise<void> {
  const started = await manager.start(r);
  const child = spawner.byPid.get(started.pid ?? -1);
  if (!child || started.port === undefined) throw new Error(`engine bench: ${r.name} did not spawn (${started.state}: ${started.failure?.message})`);
  child.lines(...startupLines(), ...proxyLines(started.port));
  await manager.waitUntilReady(r.serviceId);
}
