// What the manager needs from one connection, whatever its route (connectd peer-to-peer or cloud proxy).
import type { ConnectionSnapshot, ConnectionState } from './types';

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
