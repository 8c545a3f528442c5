// What the manager needs from one connection, whatever its route (connectd peer-to-peer or cloud proxy), and
// the lifecycle both routes share: a start that says "starting" at once, a user stop that runs once and is
// never undone, keep-connected as part of the request, and every change reported as a snapshot.
import type { Clock } from '../clock';
import type { ConnectionFailure } from '../failure';
import type { ConnectionRequest, ConnectionSnapshot, ConnectionState } from './types';

export interface ManagedConnection {
  readonly id: string;
  readonly currentState: ConnectionState;
  snapshot(): ConnectionSnapshot;
  /** Settles once the connection is under way (p2p: connectd spawned) or has failed. */
  start(): Promise<void>;
  /** A user stop: never restarted. Settles once everything it held is released. */
  stop(): Promise<void>;
  setKeepConnected(keep: boolean): void;
}

export interface LifecycleEnv {
  clock: Clock;
  changed(snapshot: ConnectionSnapshot): void;
}

export abstract class ConnectionLifecycle implements ManagedConnection {
  protected state: ConnectionState = 'idle';
  protected failure?: ConnectionFailure;
  protected startedAt?: number;
  protected readyAt?: number;
  protected userStopped = false;
  private stopping?: Promise<void>;

  constructor(
    readonly id: string,
    protected request: ConnectionRequest,
    private readonly lifecycleEnv: LifecycleEnv,
  ) {}

  get currentState(): ConnectionState {
    return this.state;
  }

  abstract snapshot(): ConnectionSnapshot;

  setKeepConnected(keep: boolean): void {
    this.request = { ...this.request, keepConnected: keep };
    this.emit();
  }

  async start(): Promise<void> {
    if (this.userStopped) return;
    this.startedAt = this.lifecycleEnv.clock.now();
    this.state = 'starting';
    this.emit();
    await this.begin();
  }

  stop(): Promise<void> {
    this.stopping ??= this.doStop();
    return this.stopping;
  }

  /** The route's own start, after the state says starting. */
  protected abstract begin(): Promise<void>;

  /** The route's own stop; runs once, however often stop() is called. */
  protected abstract doStop(): Promise<void>;

  protected emit(): void {
    this.lifecycleEnv.changed(this.snapshot());
  }
}
