// The private link between the emulator and the connectd stand-in. The real connectd talks to remote.it's
// servers over UDP; the stand-in asks the emulator instead, over one long-lived HTTP request whose response
// is newline-delimited JSON: first the verdict, then (while the session lives) events such as a peer drop.

/** The environment variable holding the emulator URL; only the stand-in reads it. */
export const STANDIN_ENV = 'CONNECTD_STANDIN_API';

/** Path of the session endpoint on the emulator. */
export const SESSION_PATH = '/__connectd/v1/session';

/** How the stand-in paces itself; the emulator's world decides, so tests can run fast. */
export interface ConnectdBehaviour {
  /** How long connectd's "minute" lasts (lifetime and idle limits), ms. Default 60000. */
  minuteMs: number;
  /** Interval of `!!throughput` lines while bytes flow, ms. */
  throughputIntervalMs: number;
  /** Interval of `!!status N seconds since startup` lines, ms. */
  uptimeIntervalMs: number;
  /** Time between being signed in and the peer session being up, ms. */
  connectDelayMs: number;
  /** Time between reconnect attempts (autoconnect 2) and server retries, ms. */
  retryIntervalMs: number;
}

export const DEFAULT_BEHAVIOUR: ConnectdBehaviour = {
  minuteMs: 60_000,
  throughputIntervalMs: 1_000,
  uptimeIntervalMs: 30_000,
  connectDelayMs: 200,
  retryIntervalMs: 2_000,
};

export interface SessionRequest {
  user: string;
  /** Exactly one of authHash and password. */
  authHash?: string;
  password?: string;
  serviceId: string;
}

export type SessionVerdict =
  | { result: 'ok'; session: string; target: { host: string; port: number } | null; server: string; peer: string; behaviour: ConnectdBehaviour }
  /** Wrong user, auth hash or password (or a revoked auth hash). */
  | { result: 'auth'; behaviour: ConnectdBehaviour; server: string }
  /** Unknown service, not this user's, or its device or service is offline. */
  | { result: 'offline'; behaviour: ConnectdBehaviour; server: string }
  /** The peer is online but the peer-to-peer session cannot be made (a scripted fault). */
  | { result: 'p2pFailed'; behaviour: ConnectdBehaviour; server: string };

/** Events on an open session. */
export type SessionEvent = { event: 'drop' };
