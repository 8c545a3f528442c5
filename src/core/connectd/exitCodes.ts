// connectd exit codes (001–030): the documented message, and what each means for the user.
// Since connectd 4.5 the process exit status equals the code; `!!exit [NNN] : …` carries it on stdout too.
import type { ConnectionFailure, FailureAction } from '../failure';

/** What the engine does after connectd ended with a code. */
export type ExitOutcome =
  /** Transient (peer dropped, sleep, network): start again with backoff. */
  | 'reconnect'
  /** The local proxy port is taken: choose another port and start again. */
  | 'otherPort'
  /** The credentials were rejected: stop and ask the user to sign in again. */
  | 'signIn'
  /** The device or service cannot be reached: stop and say so. */
  | 'unreachable'
  /** remote.it's servers cannot be reached from this machine (network, DNS, firewall). */
  | 'network'
  /** A normal end (lifetime reached, shutdown): stop and tell the user why. */
  | 'stopped'
  /** A configuration problem that retrying will not fix. */
  | 'giveUp';

export interface ExitCodeInfo {
  code: number;
  /** The message of the documented exit-code table. */
  documented: string;
  outcome: ExitOutcome;
  /** One sentence for the user. */
  userMessage: string;
}

const TABLE: readonly ExitCodeInfo[] = [
  { code: 1, documented: 'process lifetime expired', outcome: 'stopped', userMessage: 'Connection lifetime expired: it reached its time limit (remoteit.connectd.lifetimeMinutes / idleMinutes) and was closed.' },
  { code: 2, documented: 'shutdown packet received', outcome: 'stopped', userMessage: 'remote.it shut the connection down.' },
  { code: 3, documented: 'termination from windows signal / (all platforms except windows)', outcome: 'reconnect', userMessage: 'connectd was terminated by a signal.' },
  { code: 4, documented: 'Disabled By User Configuration', outcome: 'giveUp', userMessage: 'connectd is disabled by its configuration.' },
  { code: 10, documented: 'bad user specified (probably not possible at this time)', outcome: 'signIn', userMessage: 'remote.it did not accept the user name. Sign in again.' },
  { code: 11, documented: 'authentication error (may be multiple because of retry)', outcome: 'signIn', userMessage: 'remote.it rejected the sign-in. Sign in again.' },
  { code: 12, documented: 'auto connect failed (Initiator p2p connect failed)', outcome: 'unreachable', userMessage: 'The device or service is offline or not reachable.' },
  { code: 13, documented: 'Initiate session create failed (initiator p2p connect failed !autoconnect)', outcome: 'unreachable', userMessage: 'Could not open a session to the device; it is offline or not reachable.' },
  { code: 14, documented: 'Connection To remot3.it Service has Timed Out', outcome: 'network', userMessage: 'Cannot reach remote.it: its servers did not answer. Check the network connection; Network Diagnostics can tell what is blocked.' },
  { code: 15, documented: 'cannot get UID from service (not a initiator side error)', outcome: 'giveUp', userMessage: 'connectd could not get an ID from remote.it.' },
  // With -p connectd binds its UDP port on the proxy port's number, so another port is the way out.
  { code: 16, documented: 'Cannot Bind UDP Port (UDP P2P port)', outcome: 'otherPort', userMessage: 'connectd could not open its UDP port (the local port number is taken for UDP).' },
  { code: 17, documented: 'Cannot Bind Proxy Port (initiator port)', outcome: 'otherPort', userMessage: 'The local port is already in use.' },
  { code: 20, documented: 'connection to peer closed or timed out', outcome: 'reconnect', userMessage: 'The connection to the device closed or timed out.' },
  { code: 21, documented: 'connection to peer failed (failed p2p connect)', outcome: 'unreachable', userMessage: 'Could not connect to the device: the device or service is offline or not reachable.' },
  { code: 25, documented: 'unknown reason (this should not happen)', outcome: 'reconnect', userMessage: 'connectd stopped for an unknown reason.' },
  { code: 30, documented: 'user console exit', outcome: 'stopped', userMessage: 'connectd was closed from its console.' },
];

const BY_CODE = new Map(TABLE.map((info) => [info.code, info]));

export const EXIT_CODES: readonly ExitCodeInfo[] = TABLE;

export function exitCodeInfo(code: number): ExitCodeInfo | undefined {
  return BY_CODE.get(code);
}

/**
 * The documented meaning of an exit, from the code (the `!!exit [NNN]` line's or the process status) and the
 * exit line's message. The 4.6 binary prints `!!exit [020] : user console exit` while the docs number it 030:
 * the message decides, so a console exit is never mistaken for a dropped peer. Undefined: not a documented code.
 */
export function resolveExit(code: number | undefined, message?: string): ExitCodeInfo | undefined {
  if (message && /user console exit/i.test(message)) return BY_CODE.get(30);
  return code === undefined ? undefined : BY_CODE.get(code);
}

/** The code a pre-4.1 `!!exit - <message>` line stands for (those lines had no number). */
export function legacyExitCode(message: string): number | undefined {
  const known: [RegExp, number][] = [
    [/process li(?:f|fe)time|lifetime expired/i, 1],
    [/shutdown packet/i, 2],
    [/termination from signal|process killed/i, 3],
    [/bad user specified/i, 10],
    [/authentication error/i, 11],
    [/auto connect failed/i, 12],
    [/session create failed/i, 13],
    [/connection to peer closed or timed out/i, 20],
    [/connection to peer failed/i, 21],
    [/user console exit/i, 30],
    [/unknown reason/i, 25],
  ];
  return known.find(([pattern]) => pattern.test(message))?.[1];
}

const ACTIONS: Record<ExitOutcome, FailureAction> = {
  reconnect: 'retry',
  otherPort: 'otherPort',
  signIn: 'signIn',
  unreachable: 'unreachable',
  network: 'network',
  stopped: 'retry',
  giveUp: 'none',
};

/** The failure the user sees for a documented exit. */
export function failureFor(info: ExitCodeInfo): ConnectionFailure {
  return { code: info.code, message: info.userMessage, action: ACTIONS[info.outcome] };
}
