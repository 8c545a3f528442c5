// Contract between the connection engine and everything that shows or drives it.
import type { ConnectionFailure } from '../failure';

export type { ConnectionFailure, FailureAction } from '../failure';

export type ConnectionState =
  | 'idle'
  | 'starting'
  | 'ready'
  | 'reconnecting'
  | 'stopping'
  | 'failed';

/** How a connection reaches the service: connectd peer-to-peer, or a remote.it cloud proxy (API). */
export type Route = 'p2p' | 'proxy';

/**
 * What the user chose for one connection. Settings are not copied in here: the engine reads them when the
 * connection launches, so a saved (kept) request follows later setting changes. Built by request.ts only.
 */
export interface ConnectionRequest {
  serviceId: string;
  /** Human label (device – service) for logs, status bar and task names. */
  name: string;
  /** The device's name, for tooltips and pickers. */
  deviceName?: string;
  /** Application type id, so views know how to open it. */
  application?: number;
  /** Default p2p. */
  route?: Route;
  /** A local port the user asked for; when absent or busy the port allocator chooses. */
  port?: number;
  /** A bind address the user asked for (a task's `bind`); absent: remoteit.connectd.bindAddress at launch. */
  bindAddress?: string;
  /** Cloud proxy only: who may use it (255.255.255.255 latching, 0.0.0.0 public, or one IPv4). */
  hostIp?: string;
  /** Restore this connection when VS Code starts again. */
  keepConnected?: boolean;
  /** Use an existing provisioning file instead of one generated from the account. */
  provisioningFile?: string;
}

/** Where a cloud-proxy connection is reachable (the API's answer). */
export interface ProxyEndpoint {
  /** The API's connection id, needed to disconnect. */
  id: string;
  host: string;
  /** null for reverse proxies (the host alone is the address). */
  port: number | null;
  /** `host:port`, or the host for a reverse proxy. */
  address: string;
  /** What a browser opens. */
  url: string;
  /** Seconds until the API closes it. */
  timeout: number;
}

export interface ConnectionSnapshot {
  id: string; // = serviceId, or the provisioning file path for file-based connections
  request: ConnectionRequest;
  route: Route;
  state: ConnectionState;
  /** Cloud proxy: where it is reachable, once ready. */
  proxy?: ProxyEndpoint;
  /** Cloud proxy: when the API closes it (ms since epoch). */
  expiresAt?: number;
  port?: number;
  bindAddress: string;
  pid?: number;
  failure?: ConnectionFailure;
  /** Set when the engine had to move to another port than the one asked for. */
  portChangedFrom?: number;
  throughput?: { txBps: number; rxBps: number };
  openTunnels: number;
  reconnectAttempt: number;
  startedAt?: number;
  readyAt?: number;
  /** connectd version read from the banner, when seen. */
  version?: string;
}

export interface Credentials {
  /** remote.it user name (email). */
  user: string;
  /** 40-hex service_authhash. */
  authHash: string;
}

/** Raw output from a connectd process, one line at a time (already split and without line ends). */
export type OutputListener = (line: string, stream: 'stdout' | 'stderr') => void;

type Required_ = 'id' | 'request' | 'route' | 'state' | 'bindAddress' | 'openTunnels' | 'reconnectAttempt';

/** A snapshot with only the optional fields that are set (objects copied), so views never see stale keys. */
export function snapshotOf(fixed: Pick<ConnectionSnapshot, Required_>, optional: Omit<Partial<ConnectionSnapshot>, Required_>): ConnectionSnapshot {
  const s: ConnectionSnapshot = { ...fixed, request: { ...fixed.request } };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) (s as unknown as Record<string, unknown>)[key] = typeof value === 'object' && value !== null ? { ...value } : value;
  }
  return s;
}

/** "On" in the user's sense: everything except idle and failed (stopping included, until it is over). */
export function isLive(state: ConnectionState): boolean {
  return state !== 'idle' && state !== 'failed';
}

/** The id a request's connection gets: the provisioning file for file-based connections, else the service. */
export function connectionId(request: ConnectionRequest): string {
  return request.provisioningFile ?? request.serviceId;
}
