// Why something did not work, in words for the user, and the one next step the surfaces offer for it.
// Shared by the connectd layer (exit codes) and the connection engine.

/** What the user should do about a failure; drives the buttons offered with the message. */
export type FailureAction =
  | 'retry'
  | 'signIn'
  | 'otherPort'
  /** The device or service is offline or cannot be reached. */
  | 'unreachable'
  /** remote.it itself cannot be reached from this machine: offer Retry and Network Diagnostics. */
  | 'network'
  /** A setting is wrong or missing (for example remoteit.connectd.path): offer to open it. */
  | 'setting'
  | 'none';

export interface ConnectionFailure {
  /** connectd exit code when the process told us one. */
  code?: number;
  /** One sentence for the user, no stack traces. */
  message: string;
  action: FailureAction;
  /** With action 'setting': the setting that fixes it, e.g. remoteit.connectd.path. */
  setting?: string;
}
