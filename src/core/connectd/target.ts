// What one initiator connects to and how: the single description that the command-line forms (args.ts), the
// generated provisioning file (provisioning.ts) and the launcher all use.

export interface InitiatorTarget {
  /** Service address (UID), e.g. 80:00:00:00:01:00:0A:C2. */
  serviceId: string;
  /** Local proxy port. */
  port: number;
  encryption: number;
  bindAddress: string;
  /** Only clients from this IP may use the proxy; 0.0.0.0 = any. Only `-p` can carry it. */
  restrictIp: string;
  maxOutstanding: number;
  /**
   * connectd's own lifetime and idle limits, in SECONDS (its usage text says minutes; the binary counts
   * seconds), 0 = none. Only the `-p`/`-c` forms carry them: provisioning files have no working keys for them.
   */
  lifetimeSeconds: number;
  idleSeconds: number;
}

/** The account connectd signs in with. */
export interface InitiatorAccount {
  user: string;
  authHash: string;
}
