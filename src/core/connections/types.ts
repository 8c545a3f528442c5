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

/** Everything needed to start one initiator. Secrets are resolved at start time, never stored here. */
export interface ConnectionRequest {
  serviceId: string;
  /** Human label (device – service) for logs, status bar and task names. */
  name: string;
  /** Application type id, so views know how to open it. */
  application?: number;
  /** Preferred local port; when absent or busy the port allocator chooses. */
  port?: number;
  bindAddress?: string;
  restrictIp?: string;
  /** Restore this connection when VS Code starts again. */
  keepConnected?: boolean;
  /** Use an existing provisioning file instead of one generated from the account. */
  provisioningFile?: string;
}

export interface ConnectionSnapshot {
  id: string; // = serviceId, or the provisioning file path for file-based connections
  request: ConnectionRequest;
  state: ConnectionState;
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

/** The id a request's connection gets: the provisioning file for file-based connections, else the service. */
export function connectionId(request: ConnectionRequest): string {
  return request.provisioningFile ?? request.serviceId;
}
