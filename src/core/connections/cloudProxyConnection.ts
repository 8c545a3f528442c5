// One remote.it cloud-proxy connection: the API opens it (no local process), it lives until the user closes it
// or the API's timeout ends it. Same states and snapshot as a connectd connection, so every view treats the
// two alike:  idle → starting → ready → stopping → idle,  or → failed.
import type { Clock, TimerHandle } from '../clock';
import type { ConnectionFailure } from '../failure';
import type { CloudProxyApi, Logger } from './deps';
import { ConnectionLifecycle } from './managedConnection';
import { snapshotOf, type ConnectionRequest, type ConnectionSnapshot, type ProxyEndpoint } from './types';

/** Latching: the first client to use the connection keeps it. */
export const LATCHING_HOST_IP = '255.255.255.255';

export interface CloudProxyEnv {
  api: CloudProxyApi;
  clock: Clock;
  logger: Logger;
  /** What an API error means for the user (sign in again, retry, …). */
  failureOf(err: unknown): ConnectionFailure;
  changed(snapshot: ConnectionSnapshot): void;
}

export class CloudProxyConnection extends ConnectionLifecycle {
  private endpoint?: ProxyEndpoint;
  private expiresAt?: number;
  private expiry?: TimerHandle;
  /** The open call in flight, so a stop during it can close what it opens. */
  private opening?: Promise<void>;

  constructor(
    id: string,
    request: ConnectionRequest,
    private readonly env: CloudProxyEnv,
  ) {
    super(id, request, env);
  }

  snapshot(): ConnectionSnapshot {
    return snapshotOf(
      { id: this.id, request: this.request, route: 'proxy', state: this.state, bindAddress: '', openTunnels: 0, reconnectAttempt: 0 },
      { proxy: this.endpoint, failure: this.failure, startedAt: this.startedAt, readyAt: this.readyAt, expiresAt: this.expiresAt },
    );
  }

  /** Settles once the API answered (ready) or refused (failed). */
  protected async begin(): Promise<void> {
    this.opening = this.open();
    await this.opening;
  }

  private async open(): Promise<void> {
    let endpoint: ProxyEndpoint;
    try {
      endpoint = await this.env.api.connect(this.request.serviceId, this.request.hostIp ?? LATCHING_HOST_IP);
    } catch (err) {
      if (this.userStopped) return;
      this.end('failed', this.env.failureOf(err));
      return;
    }
    this.endpoint = endpoint;
    if (this.userStopped) return; // doStop closes it
    this.state = 'ready';
    this.readyAt = this.env.clock.now();
    this.failure = undefined;
    if (endpoint.timeout > 0) {
      this.expiresAt = this.readyAt + endpoint.timeout * 1000;
      this.expiry = this.env.clock.setTimeout(() => this.expire(), endpoint.timeout * 1000);
    }
    this.env.logger.info(`Proxy connection ${endpoint.id} to ${this.request.name}: ${endpoint.address}`);
    this.emit();
  }

  private expire(): void {
    this.expiry = undefined;
    if (this.state !== 'ready') return;
    this.endpoint = undefined;
    this.end('idle', { message: 'The remote.it proxy connection reached the end of its lifetime.', action: 'retry' });
  }

  protected async doStop(): Promise<void> {
    this.userStopped = true;
    if (this.state === 'idle' || this.state === 'failed') return;
    this.state = 'stopping';
    this.emit();
    await this.opening;
    const endpoint = this.endpoint;
    if (endpoint) {
      await this.env.api
        .disconnect(this.request.serviceId, endpoint.id)
        .then(() => this.env.logger.info(`Proxy connection ${endpoint.id} closed`))
        .catch((err: unknown) => this.env.logger.warn(`Closing proxy connection ${endpoint.id} failed: ${this.env.failureOf(err).message}`));
    }
    this.endpoint = undefined;
    this.end('idle', undefined);
  }

  private end(state: 'idle' | 'failed', failure: ConnectionFailure | undefined): void {
    if (this.expiry !== undefined) this.env.clock.clearTimeout(this.expiry);
    this.expiry = undefined;
    this.expiresAt = undefined;
    this.state = state;
    this.failure = failure;
    this.emit();
  }
}
