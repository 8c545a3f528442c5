// All connections of this window: start/stop/restore, keep-connected, orphan reaping, and the events every
// view subscribes to. The manager owns every connectd process; nothing else polls or signals them.
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { Emitter, type Event } from '../events';
import { apiFailureOf } from './apiFailure';
import { CloudProxyConnection, type CloudProxyEnv } from './cloudProxyConnection';
import { P2PConnection, type ConnectionEnv } from './p2pConnection';
import type { ManagerDeps } from './deps';
import { ConnectionError } from './errors';
import { KeptConnections } from './keptConnections';
import { Launcher } from './launcher';
import type { ManagedConnection } from './managedConnection';
import { PidFiles, type PidRecord } from './pidFiles';
import { DEFAULT_POLICY, type EnginePolicy } from './policy';
import { PortAllocator, RememberedPorts } from './ports';
import { withFileLock } from '../fileLock';
import { ensurePrivateDir } from '../privateDir';
import { connectionId, isLive, type ConnectionFailure, type ConnectionRequest, type ConnectionSnapshot } from './types';

export interface OutputLine {
  id: string;
  line: string;
  stream: 'stdout' | 'stderr';
}

export class ConnectionManager {
  private readonly changes = new Emitter<ConnectionSnapshot>();
  private readonly outputs = new Emitter<OutputLine>();
  readonly onDidChange: Event<ConnectionSnapshot> = this.changes.event;
  readonly onOutput: Event<OutputLine> = this.outputs.event;

  private readonly connections = new Map<string, ManagedConnection>();
  private readonly policy: EnginePolicy;
  private readonly ports: PortAllocator;
  private readonly remembered: RememberedPorts;
  private readonly kept: KeptConnections;
  private readonly pidFiles: PidFiles;
  private readonly launcher: Launcher;
  private readonly env: ConnectionEnv;
  private readonly proxyEnv: CloudProxyEnv;
  private readonly session = randomUUID();
  private readonly hostPid: number;
  private disposed = false;

  constructor(private readonly deps: ManagerDeps) {
    this.policy = { ...DEFAULT_POLICY, ...deps.policy };
    this.hostPid = deps.hostPid ?? process.pid;
    this.ports = new PortAllocator(deps.isPortFree);
    this.remembered = new RememberedPorts(deps.store);
    this.kept = new KeptConnections(deps.store);
    this.pidFiles = new PidFiles(path.join(deps.storageDir, 'pids'));
    this.launcher = new Launcher({ ...deps, ports: this.ports, remembered: this.remembered, pidFiles: this.pidFiles, session: this.session, hostPid: this.hostPid });
    this.env = {
      clock: deps.clock,
      logger: deps.logger,
      policy: this.policy,
      probe: deps.probe,
      launch: (id, request, wish, output) => this.launcher.launch(id, request, wish, output),
      cleanUp: (id, launched) => this.launcher.cleanUp(id, launched),
      removeProvisioning: (file) => this.launcher.removeProvisioning(file),
      reconnectEnabled: () => deps.settings().reconnect,
      defaultBindAddress: () => deps.settings().bindAddress,
      ready: (id, port) => void Promise.resolve(this.remembered.remember(id, port)).catch(() => undefined),
      ended: (id) => this.ports.release(id),
      output: (id, line, stream) => this.outputs.fire({ id, line, stream }),
      changed: (snapshot) => this.changes.fire(snapshot),
    };
    this.proxyEnv = {
      api: deps.cloudProxy ?? {
        connect: () => Promise.reject(new Error('Cloud-proxy connections are not available here.')),
        disconnect: () => Promise.resolve(),
      },
      clock: deps.clock,
      logger: deps.logger,
      failureOf: apiFailureOf,
      changed: (snapshot) => this.changes.fire(snapshot),
    };
  }

  /**
   * Starts the connection, or returns the live one with the same id. Resolves once connectd is spawned (not
   * ready: see waitUntilReady). A start that fails before the process runs (signed out, no connectd, no free
   * port) resolves with a `failed` snapshot whose failure says what to do; it never rejects for those.
   */
  async start(request: ConnectionRequest): Promise<ConnectionSnapshot> {
    if (this.disposed) throw new Error('The remote.it connection manager has shut down.');
    const id = connectionId(request);
    const existing = this.connections.get(id);
    if (existing && isLive(existing.currentState) && existing.currentState !== 'stopping') return existing.snapshot();
    if (existing?.currentState === 'stopping') {
      await existing.stop();
      return this.start(request);
    }
    const keep = request.keepConnected ?? this.kept.has(id);
    const full: ConnectionRequest = { ...request, keepConnected: keep };
    const connection: ManagedConnection = full.route === 'proxy' ? new CloudProxyConnection(id, full, this.proxyEnv) : new P2PConnection(id, full, this.env);
    this.connections.set(id, connection);
    // Only an explicit request saves choices: a start that merely inherits the mark (a task, a reopened window)
    // must not replace what the user chose to keep.
    if (request.keepConnected === true) await this.persist(() => this.kept.keep(full));
    await connection.start();
    return connection.snapshot();
  }

  /** Resolves when ready; rejects with a ConnectionError when the connection fails or stops first, or on timeout. */
  waitUntilReady(id: string, timeoutMs?: number): Promise<ConnectionSnapshot> {
    return new Promise((resolve, reject) => {
      let timer: unknown;
      const finish = (error: ConnectionError | undefined, snapshot?: ConnectionSnapshot) => {
        subscription.dispose();
        if (timer !== undefined) this.deps.clock.clearTimeout(timer);
        if (error) reject(error);
        else resolve(snapshot!);
      };
      /** True when `s` decides the wait. */
      const settle = (s: ConnectionSnapshot | undefined): boolean => {
        const failure = outcomeOf(s, id);
        if (s?.state === 'ready') finish(undefined, s);
        else if (failure) finish(new ConnectionError(failure, id));
        return s?.state === 'ready' || failure !== undefined;
      };
      const subscription = this.onDidChange((s) => {
        if (s.id === id) settle(s);
      });
      if (settle(this.get(id))) return;
      if (timeoutMs !== undefined) {
        timer = this.deps.clock.setTimeout(() => {
          const name = this.get(id)?.request.name ?? id;
          finish(new ConnectionError({ message: `${name} did not connect within ${Math.round(timeoutMs / 1000)} s.`, action: 'retry' }, id));
        }, timeoutMs);
      }
    });
  }

  /** A user stop: never restarted, and no longer restored at the next start. */
  async stop(id: string): Promise<void> {
    const connection = this.connections.get(id);
    if (this.kept.has(id)) {
      connection?.setKeepConnected(false);
      await this.persist(() => this.kept.forget(id));
    }
    await connection?.stop();
  }

  /** Disconnect All and Sign Out: every connection stops, but Keep Connected marks stay for the next start. */
  async stopAll(): Promise<void> {
    await Promise.all([...this.connections.values()].map((c) => c.stop()));
  }

  get(id: string): ConnectionSnapshot | undefined {
    return this.connections.get(id)?.snapshot();
  }

  list(): ConnectionSnapshot[] {
    return [...this.connections.values()].map((c) => c.snapshot());
  }

  /** Resolves once the mark is saved, so callers can confirm it truthfully. */
  setKeepConnected(id: string, keep: boolean): Promise<void> {
    const connection = this.connections.get(id);
    connection?.setKeepConnected(keep);
    const request = connection?.snapshot().request ?? { serviceId: id, name: id };
    return this.persist(() => (keep ? this.kept.keep(request) : this.kept.forget(id)));
  }

  /**
   * At activation, signed in or not: stops connectd processes a crashed window left behind and removes their
   * provisioning files (they hold the auth hash); then, when `startKept`, restarts kept connections. Windows
   * starting together take turns (a lock in the shared storage), so a kept connection starts in one window only:
   * the next window finds its pid record and leaves it alone.
   */
  async restore({ startKept = true }: { startKept?: boolean } = {}): Promise<void> {
    await ensurePrivateDir(this.deps.storageDir);
    await withFileLock(path.join(this.deps.storageDir, 'restore.lock'), () => this.restoreNow(startKept), { timeoutMs: 30_000 }).catch((err: unknown) =>
      this.deps.logger.error(`Could not restore kept connections: ${String(err)}`),
    );
  }

  private async restoreNow(startKept: boolean): Promise<void> {
    const { elsewhere, markers } = await this.reapOrphans();
    await this.launcher.clearLeftovers(markers);
    if (!startKept) return;
    const live = new Set(this.list().filter((s) => isLive(s.state)).map((s) => s.id));
    for (const request of this.kept.list()) {
      const id = connectionId(request);
      if (live.has(id) || this.disposed) continue;
      // A kept connection another open window already runs is not started twice; the log says why it is not here.
      if (elsewhere.has(id)) {
        this.deps.logger.info(`${request.name} (keep connected) runs in another window; not restoring it here`);
        continue;
      }
      this.deps.logger.info(`Restoring ${request.name} (keep connected)`);
      await this.start(request).catch((err: unknown) => this.deps.logger.error(`Could not restore ${request.name}: ${String(err)}`));
    }
  }

  /** Stops everything this window started (deactivate). Keep-connected marks stay for the next start. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await Promise.all([...this.connections.values()].map((c) => c.stop()));
    this.changes.dispose();
    this.outputs.dispose();
  }

  /**
   * Stops connectd left by windows that are gone; returns the ids other open windows are running, and the markers
   * (provisioning files) their pid records name.
   */
  private async reapOrphans(): Promise<{ elsewhere: Set<string>; markers: Set<string> }> {
    const elsewhere = new Set<string>();
    const markers = new Set<string>();
    for (const record of await this.pidFiles.list()) {
      if (record.session === this.session) continue;
      // Another open window's connection (all windows share the storage): not an orphan, leave it alone.
      if (record.owner !== undefined && record.owner !== this.hostPid && this.deps.processes.isAlive(record.owner)) {
        markers.add(record.marker);
        if (await this.isOurConnectd(record)) elsewhere.add(record.id);
        continue;
      }
      if (await this.isOurConnectd(record)) await this.reap(record);
      await this.launcher.removeOrphanFile(record.marker);
      await this.pidFiles.remove(record.id);
    }
    return { elsewhere, markers };
  }

  private async isOurConnectd(record: PidRecord): Promise<boolean> {
    const { processes } = this.deps;
    if (!processes.isAlive(record.pid)) return false;
    const commandLine = await processes.commandLine(record.pid);
    return !!commandLine && commandLine.includes(record.command) && commandLine.includes(record.marker);
  }

  /** SIGTERM, SIGKILL after the grace period. Orphans are not our children, so their end is observed by polling. */
  private async reap(record: PidRecord): Promise<void> {
    const { processes, clock, logger } = this.deps;
    logger.info(`Stopping connectd pid ${record.pid} (${record.id}), left running by an earlier window`);
    processes.kill(record.pid, 'SIGTERM');
    const step = 100;
    for (let waited = 0; waited < this.policy.stopGraceMs && processes.isAlive(record.pid); waited += step) {
      await new Promise<void>((resolve) => clock.setTimeout(resolve, step));
    }
    if (processes.isAlive(record.pid)) processes.kill(record.pid, 'SIGKILL');
  }

  private async persist(write: () => Promise<void>): Promise<void> {
    await write().catch((err: unknown) => this.deps.logger.warn(`Could not save the keep-connected list: ${String(err)}`));
  }
}

export { ConnectionError } from './errors';

/** Why waiting for `ready` is over without success; undefined while the connection may still get there. */
function outcomeOf(s: ConnectionSnapshot | undefined, id: string): ConnectionFailure | undefined {
  if (!s) return { message: `No connection ${id} has been started.`, action: 'none' };
  if (s.state === 'failed') return s.failure ?? { message: `${s.request.name} failed.`, action: 'retry' };
  if (s.state === 'idle') return s.failure ?? { message: `${s.request.name} was disconnected.`, action: 'none' };
  return undefined;
}
