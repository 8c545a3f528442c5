// One connectd initiator's state machine (a peer-to-peer connection):
//   idle → starting → ready → (reconnecting → ready)* → stopping → idle,   or → failed(failure)
// - `ready` needs both connectd's proxy line (`Starting Proxy on port N …` / `Proxy started.`) and a TCP
//   connection to the port that succeeds.
// - An unexpected exit (020, a kill from outside, a crash) reconnects with capped backoff; 017/016 move to
//   another port at once; 011 → failed/signIn; 012/021 → failed/unreachable; 001 (lifetime) → idle with the
//   reason; 014 → failed/network before the first ready, reconnect after it (sleep, network loss).
// - A launch not ready within the start timeout, or whose connectd says it cannot find remote.it's servers,
//   is stopped: failed/network when remote.it never answered, failed/unreachable when it did but the device
//   did not.
// - The engine enforces the lifetime (from the start) and the idle limit (no open tunnel and no bytes for that
//   long, while ready) itself and ends the connection as idle with the reason; connectd ignores both limits
//   in a provisioning file.
// - A connection the user stopped is never restarted.
// - The provisioning file counts as read, and is removed, at connectd's first line after its banner (connectd
//   prints the port and pid only after processing its configuration), when the process exits, or
//   policy.provisioningReadMs after the spawn — whichever comes first.
import { exitCodeInfo, failureFor, resolveExit, type ExitOutcome } from '../connectd/exitCodes';
import { LineSplitter } from '../connectd/lines';
import type { ProcessExit, ProcessOutput } from '../connectd/spawner';
import { parseStatusLine } from '../connectd/statusLine';
import { versionWarning } from '../connectd/version';
import type { Clock, TimerHandle } from '../clock';
import type { Logger, TcpProbe } from './deps';
import { LaunchFailure, type Launched, type PortWish } from './launcher';
import { ConnectionLifecycle } from './managedConnection';
import { describeDuration, idledOut, lifetimeExpired } from './limits';
import { reconnectDelay, type EnginePolicy } from './policy';
import { probeHost } from './tcpProbe';
import { snapshotOf, type ConnectionFailure, type ConnectionRequest, type ConnectionSnapshot } from './types';

export interface ConnectionEnv {
  clock: Clock;
  logger: Logger;
  policy: EnginePolicy;
  probe: TcpProbe;
  launch(id: string, request: ConnectionRequest, wish: PortWish, output: ProcessOutput): Promise<Launched>;
  cleanUp(id: string, launched: Launched): Promise<void>;
  removeProvisioning(file: string): Promise<void>;
  reconnectEnabled(): boolean;
  /** The bind address a request without its own gets (shown until the launch settles it). */
  defaultBindAddress(): string;
  /** The connection reached ready on this port. */
  ready(id: string, port: number): void;
  /** The connection ended (idle or failed): its port is free for others. */
  ended(id: string): void;
  output(id: string, line: string, stream: 'stdout' | 'stderr'): void;
  changed(snapshot: ConnectionSnapshot): void;
}

/** One connectd process of this connection, from spawn to exit. */
class Run {
  launched?: Launched;
  /** Output that arrived before the launch finished (the scrubbing needs to know the secrets first). */
  early: [keyof ProcessOutput, string][] = [];
  readonly splitters = { stdout: new LineSplitter(), stderr: new LineSplitter() };
  exitLine?: { code?: number; message: string };
  portBusy = false;
  authFailed = false;
  lifetimeEnded = false;
  sawUsage = false;
  configUnreadable = false;
  proxyAnnounced = false;
  /** remote.it's servers answered (signed in, or a peer session came up). */
  serverReached = false;
  ready = false;
  exited = false;
  /** Why we stopped it ourselves, when we did, and what follows. */
  ownFailure?: ConnectionFailure;
  ownOutcome?: ExitOutcome;
  startTimer?: TimerHandle;
  /** Removes the provisioning file should connectd never print its first line after the banner. */
  provisioningTimer?: TimerHandle;
  provisioningRemoval?: Promise<void>;
  timers = new Set<TimerHandle>();
  /** Settles once the launch succeeded or failed. */
  readonly settled: Promise<void>;
  settle!: () => void;
  /** Settles when the launch failed, or the process exited and was cleaned up. */
  readonly closed: Promise<void>;
  close!: () => void;

  constructor() {
    this.settled = new Promise((resolve) => (this.settle = resolve));
    this.closed = new Promise((resolve) => (this.close = resolve));
  }
}

export class P2PConnection extends ConnectionLifecycle {
  private port?: number;
  private bindAddress: string;
  private pid?: number;
  private portChangedFrom?: number;
  private throughput?: { txBps: number; rxBps: number };
  private openTunnels = 0;
  private reconnectAttempt = 0;
  private version?: string;

  private run?: Run;
  private wishedPort?: number;
  private launches = 0;
  private portChanges = 0;
  private readonly avoid = new Set<number>();
  private retryTimer?: TimerHandle;
  private lifetimeTimer?: TimerHandle;
  private idleTimer?: TimerHandle;
  private idleMs = 0;
  /** Why the engine itself closed the connection (a time limit), shown once it is idle. */
  private closedBy?: ConnectionFailure;

  constructor(
    id: string,
    request: ConnectionRequest,
    private readonly env: ConnectionEnv,
  ) {
    super(id, request, env);
    this.bindAddress = request.bindAddress ?? env.defaultBindAddress();
  }

  snapshot(): ConnectionSnapshot {
    return snapshotOf(
      { id: this.id, request: this.request, route: 'p2p', state: this.state, bindAddress: this.bindAddress, openTunnels: this.openTunnels, reconnectAttempt: this.reconnectAttempt },
      {
        port: this.port,
        pid: this.pid,
        failure: this.failure,
        portChangedFrom: this.portChangedFrom,
        throughput: this.throughput,
        startedAt: this.startedAt,
        readyAt: this.readyAt,
        version: this.version,
      },
    );
  }

  /** The first launch. Settles once connectd is spawned, or the start has failed. */
  protected begin(): Promise<void> {
    return this.launch();
  }

  /** A user stop: SIGTERM, SIGKILL after the grace period, and never a restart. */
  protected async doStop(): Promise<void> {
    this.userStopped = true;
    this.clearRetry();
    this.clearLimits();
    const run = this.run;
    if (run) {
      this.state = 'stopping';
      this.emit();
      await this.terminate(run);
    }
    if (this.state === 'idle' && !this.failure) return;
    this.end('idle', this.closedBy);
  }

  /** A time limit ended the connection: stopped like a user stop, then idle with the reason. */
  private closeForLimit(reason: ConnectionFailure): void {
    if (this.userStopped) return;
    this.env.logger.info(`${this.request.name}: ${reason.message}`);
    this.closedBy = reason;
    void this.stop();
  }

  private async launch(): Promise<void> {
    const run = new Run();
    this.run = run;
    const output: ProcessOutput = {
      stdout: (chunk) => this.onChunk(run, 'stdout', chunk),
      stderr: (chunk) => this.onChunk(run, 'stderr', chunk),
    };
    let launched: Launched;
    try {
      launched = await this.env.launch(this.id, this.request, { current: this.port, avoid: this.avoid }, output);
    } catch (err) {
      run.settle();
      run.close();
      if (this.run === run) this.run = undefined;
      if (this.userStopped) return;
      const failure = err instanceof LaunchFailure ? err.failure : { message: `Could not start connectd: ${String(err)}`, action: 'none' as const };
      this.end('failed', failure);
      return;
    }
    run.launched = launched;
    this.launches++;
    if (this.launches === 1) this.wishedPort = launched.wishedPort;
    this.port = launched.port;
    this.bindAddress = launched.bindAddress;
    this.pid = launched.process.pid;
    if (this.wishedPort !== undefined && launched.port !== this.wishedPort) this.portChangedFrom = this.wishedPort;
    this.emit();

    const { lifetimeMs, idleMs, startTimeoutMs } = launched.limits;
    this.idleMs = idleMs;
    if (this.launches === 1 && lifetimeMs > 0) {
      const left = Math.max(0, (this.startedAt ?? this.env.clock.now()) + lifetimeMs - this.env.clock.now());
      this.lifetimeTimer = this.env.clock.setTimeout(() => this.closeForLimit(lifetimeExpired(lifetimeMs)), left);
    }
    if (startTimeoutMs > 0) run.startTimer = this.timer(run, () => this.startTimedOut(run, startTimeoutMs), startTimeoutMs);
    run.provisioningTimer = this.timer(run, () => this.forgetProvisioning(run), this.env.policy.provisioningReadMs);
    void launched.process.exited
      .then((exit) => this.onExit(run, exit))
      .catch((err: unknown) => this.env.logger.error(`Handling the end of connectd for ${this.request.name} failed: ${String(err)}`));
    for (const [stream, chunk] of run.early.splice(0)) this.onChunk(run, stream, chunk);
    run.settle();
  }

  private onChunk(run: Run, stream: keyof ProcessOutput, chunk: string): void {
    if (!run.launched) {
      run.early.push([stream, chunk]);
      return;
    }
    for (const line of run.splitters[stream].push(chunk)) this.onLine(run, line, stream);
  }

  private onLine(run: Run, raw: string, stream: keyof ProcessOutput): void {
    let line = raw;
    for (const secret of run.launched?.secrets ?? []) line = line.split(secret).join('********');
    this.env.output(this.id, line, stream);
    if (stream === 'stderr') return;

    const event = parseStatusLine(line);
    if (event.kind !== 'banner') this.forgetProvisioning(run);
    switch (event.kind) {
      case 'banner':
        if (event.version && event.version !== this.version) {
          this.version = event.version;
          const warning = versionWarning(event.version);
          if (warning) this.env.logger.warn(warning);
          this.emit();
        }
        break;
      case 'serverState':
        if (event.state >= 5) run.serverReached = true;
        break;
      case 'peerConnected':
        run.serverReached = true;
        break;
      case 'serverUnreachable':
        this.stopRun(run, cannotReachRemoteit('connectd cannot find remote.it\'s servers (network or DNS).'), 'network');
        break;
      case 'configUnreadable':
        run.configUnreadable = true;
        break;
      case 'proxyStarting':
      case 'proxyStarted':
        if (!run.proxyAnnounced) {
          run.proxyAnnounced = true;
          void this.probe(run, 1);
        }
        break;
      case 'throughput':
        this.throughput = { txBps: event.txBps, rxBps: event.rxBps };
        if (event.txBps > 0 || event.rxBps > 0) this.armIdle();
        this.emit();
        break;
      case 'tunnelOpened':
        this.openTunnels++;
        this.armIdle();
        this.emit();
        break;
      case 'tunnelClosed':
        this.openTunnels = Math.max(0, this.openTunnels - 1);
        this.armIdle();
        this.emit();
        break;
      case 'exit':
        run.exitLine = event.code === undefined ? { message: event.message } : { code: event.code, message: event.message };
        break;
      case 'proxyFailed':
        run.portBusy = true;
        break;
      case 'authFailed':
        run.authFailed = true;
        break;
      case 'lifetimeTimeout':
        run.lifetimeEnded = true;
        break;
      case 'usage':
        run.sawUsage = true;
        break;
      default:
        break;
    }
  }

  /** Ready only once the port accepts a TCP connection; a few tries, since the listener may lag the line. */
  private async probe(run: Run, attempt: number): Promise<void> {
    if (!this.isCurrent(run) || this.port === undefined) return;
    const port = this.port;
    const ok = await this.env.probe(probeHost(this.bindAddress), port).catch(() => false);
    if (!this.isCurrent(run)) return;
    if (ok) {
      run.ready = true;
      this.cancelTimer(run, run.startTimer);
      this.state = 'ready';
      this.readyAt = this.env.clock.now();
      this.reconnectAttempt = 0;
      this.portChanges = 0;
      this.failure = undefined;
      this.env.ready(this.id, port);
      this.armIdle();
      this.emit();
      return;
    }
    if (attempt >= this.env.policy.probeAttempts) {
      this.stopRun(run, { message: `connectd started the proxy, but port ${port} does not accept connections.`, action: 'retry' }, 'giveUp');
      return;
    }
    this.timer(run, () => void this.probe(run, attempt + 1), this.env.policy.probeIntervalMs);
  }

  private isCurrent(run: Run): boolean {
    return this.run === run && !run.exited && !this.userStopped;
  }

  /** Ends this launch ourselves; its exit then counts as `failure` with `outcome`. */
  private stopRun(run: Run, failure: ConnectionFailure, outcome: ExitOutcome): void {
    if (!this.isCurrent(run) || run.ownFailure) return;
    run.ownFailure = failure;
    run.ownOutcome = outcome;
    void this.terminate(run);
  }

  /** Not ready in time: remote.it never answered (network), or it did and the device did not. */
  private startTimedOut(run: Run, timeoutMs: number): void {
    if (run.ready) return;
    const waited = describeDuration(timeoutMs);
    if (run.serverReached) {
      const failure: ConnectionFailure = { message: `${this.request.name} did not answer within ${waited}: the device or service is offline or not reachable.`, action: 'unreachable' };
      this.stopRun(run, failure, 'unreachable');
    } else {
      this.stopRun(run, cannotReachRemoteit(`connectd got no answer from remote.it's servers within ${waited}.`), 'network');
    }
  }

  /** (Re)starts the idle countdown while ready with no open tunnel; any tunnel or traffic postpones it. */
  private armIdle(): void {
    if (this.idleTimer !== undefined) this.env.clock.clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    if (this.idleMs <= 0 || this.state !== 'ready' || this.openTunnels > 0) return;
    const idleMs = this.idleMs;
    this.idleTimer = this.env.clock.setTimeout(() => this.closeForLimit(idledOut(idleMs)), idleMs);
  }

  private clearLimits(): void {
    for (const handle of [this.lifetimeTimer, this.idleTimer]) if (handle !== undefined) this.env.clock.clearTimeout(handle);
    this.lifetimeTimer = undefined;
    this.idleTimer = undefined;
  }

  private async onExit(run: Run, exit: ProcessExit): Promise<void> {
    for (const stream of ['stdout', 'stderr'] as const) for (const line of run.splitters[stream].flush()) this.onLine(run, line, stream);
    run.exited = true;
    for (const t of run.timers) this.env.clock.clearTimeout(t);
    run.timers.clear();
    this.forgetProvisioning(run);
    await run.provisioningRemoval;
    await this.env.cleanUp(this.id, run.launched!).catch(() => undefined);
    run.close();
    if (this.run !== run) return;
    this.run = undefined;
    this.pid = undefined;
    this.openTunnels = 0;
    this.throughput = undefined;
    if (this.idleTimer !== undefined) this.env.clock.clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    if (this.userStopped) return;

    const { outcome, failure } = this.judge(run, exit);
    this.env.logger.info(`connectd for ${this.request.name} ended (${describeExit(exit)}): ${failure.message}`);
    this.follow(outcome, failure);
  }

  /** What an exit means: the `!!exit` line first, then the exit status, then what the output hinted at. */
  private judge(run: Run, exit: ProcessExit): { outcome: ExitOutcome; failure: ConnectionFailure } {
    if (run.ownFailure) return { outcome: run.ownOutcome ?? 'giveUp', failure: run.ownFailure };
    // Status 1 alone is what any crashing program returns; connectd announces a real lifetime end in words.
    const status = exit.code !== null && exit.code > 1 ? exit.code : undefined;
    const info =
      resolveExit(run.exitLine?.code ?? status, run.exitLine?.message) ??
      (run.portBusy ? exitCodeInfo(17) : undefined) ??
      (run.authFailed ? exitCodeInfo(11) : undefined) ??
      (run.lifetimeEnded ? exitCodeInfo(1) : undefined);
    if (info) return { outcome: info.outcome, failure: failureFor(info) };
    if (run.configUnreadable) {
      return { outcome: 'giveUp', failure: { message: 'connectd could not read the provisioning file it was given.', action: 'none' } };
    }
    if (run.sawUsage) {
      return { outcome: 'giveUp', failure: { message: 'connectd did not accept its arguments (it printed its usage). Check that remoteit.connectd.path points to connectd 4.x.', action: 'none' } };
    }
    const failure: ConnectionFailure = { message: `connectd stopped unexpectedly (${describeExit(exit)}).`, action: 'retry' };
    if (exit.code !== null) failure.code = exit.code;
    return { outcome: 'reconnect', failure };
  }

  private follow(outcome: ExitOutcome, failure: ConnectionFailure): void {
    const { policy } = this.env;
    // Losing remote.it after having been connected is the sleep / network-loss case: keep trying.
    if (outcome === 'network' && this.readyAt !== undefined) outcome = 'reconnect';
    switch (outcome) {
      case 'reconnect': {
        if (!this.env.reconnectEnabled()) return this.end('failed', failure);
        if (this.reconnectAttempt >= policy.maxReconnectAttempts) {
          return this.end('failed', { ...failure, message: `${failure.message} Gave up after ${this.reconnectAttempt} reconnect attempts.` });
        }
        this.reconnectAttempt++;
        this.state = 'reconnecting';
        this.failure = failure;
        this.emit();
        this.retryTimer = this.env.clock.setTimeout(() => {
          this.retryTimer = undefined;
          if (!this.userStopped) void this.launch();
        }, reconnectDelay(this.reconnectAttempt, policy));
        return;
      }
      case 'otherPort': {
        if (this.portChanges >= policy.maxPortChanges) return this.end('failed', failure);
        this.portChanges++;
        if (this.port !== undefined) this.avoid.add(this.port);
        this.env.logger.warn(`Port ${this.port} is in use; ${this.request.name} moves to another port.`);
        void this.launch();
        return;
      }
      case 'stopped':
        return this.end('idle', failure);
      default:
        return this.end('failed', failure);
    }
  }

  /** SIGTERM, then SIGKILL after the grace period; settles once the run is over and cleaned up. */
  private async terminate(run: Run): Promise<void> {
    await run.settled;
    const launched = run.launched;
    if (launched && !run.exited) {
      launched.process.kill('SIGTERM');
      const kill = this.env.clock.setTimeout(() => launched.process.kill('SIGKILL'), this.env.policy.stopGraceMs);
      await run.closed;
      this.env.clock.clearTimeout(kill);
      return;
    }
    await run.closed;
  }

  private forgetProvisioning(run: Run): void {
    // Once the file is gone its fallback timer has nothing left to do: a quiet connection wakes nobody.
    this.cancelTimer(run, run.provisioningTimer);
    run.provisioningTimer = undefined;
    const file = run.launched?.provisioningFile;
    if (!file || run.provisioningRemoval) return;
    run.provisioningRemoval = this.env.removeProvisioning(file).catch((err: unknown) => this.env.logger.warn(`Could not remove a provisioning file: ${String(err)}`));
  }

  private timer(run: Run, callback: () => void, ms: number): TimerHandle {
    const handle = this.env.clock.setTimeout(() => {
      run.timers.delete(handle);
      callback();
    }, ms);
    run.timers.add(handle);
    return handle;
  }

  private cancelTimer(run: Run, handle: TimerHandle | undefined): void {
    if (handle === undefined || !run.timers.delete(handle)) return;
    this.env.clock.clearTimeout(handle);
  }

  private clearRetry(): void {
    if (this.retryTimer !== undefined) this.env.clock.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  private end(state: 'idle' | 'failed', failure: ConnectionFailure | undefined): void {
    this.clearRetry();
    this.clearLimits();
    this.state = state;
    this.failure = failure;
    this.pid = undefined;
    this.openTunnels = 0;
    this.throughput = undefined;
    this.env.ended(this.id);
    this.emit();
  }
}

/** remote.it cannot be reached from this machine; `why` says what connectd showed. */
function cannotReachRemoteit(why: string): ConnectionFailure {
  return { message: `Cannot reach remote.it: ${why} Check the network connection; Network Diagnostics can tell what is blocked.`, action: 'network' };
}

function describeExit(exit: ProcessExit): string {
  return exit.signal ? `killed by ${exit.signal}` : `exit status ${exit.code}`;
}
