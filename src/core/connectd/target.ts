// What one initiator connects to and how: the single description that the command-line forms (args.ts), the
// generated provisioning file (provisioning.ts) and the launcher all use, and the check that every value is
// exactly its format before it reaches argv or a file (both word- and line-oriented: one space or newline in a
// value from the API or the workspace would add an argument or a key of someone else's choosing).
import { parseIpv4, parseServiceId } from '../untrusted/formats';
import { plain } from '../untrusted/text';

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

const isInteger = (n: number, min: number, max: number): boolean => Number.isInteger(n) && n >= min && n <= max;
/** A value from outside, quoted in a message: one line, inert, cut short. */
export const quotedValue = (text: string): string => `"${plain(text, 60)}"`;

/** Why these values cannot be given to connectd (one sentence for the user), or undefined when all are sound. */
export function initiatorValueProblem(account: InitiatorAccount | undefined, t: InitiatorTarget): string | undefined {
  if (!parseServiceId(t.serviceId)) return `${quotedValue(t.serviceId)} is not a remote.it service address.`;
  if (!isInteger(t.port, 1, 65535)) return `${t.port} is not a local port number.`;
  if (parseIpv4(t.bindAddress) !== t.bindAddress) return `The bind address ${quotedValue(t.bindAddress)} is not an IPv4 address (remoteit.connectd.bindAddress).`;
  if (parseIpv4(t.restrictIp) !== t.restrictIp) return `The restrict IP ${quotedValue(t.restrictIp)} is not an IPv4 address (remoteit.connectd.restrictIp).`;
  if (!isInteger(t.encryption, 0, 2) || !isInteger(t.maxOutstanding, 1, 64)) return 'The connectd encryption or buffer depth setting is out of range.';
  if (!isInteger(t.lifetimeSeconds, 0, Number.MAX_SAFE_INTEGER) || !isInteger(t.idleSeconds, 0, Number.MAX_SAFE_INTEGER)) return 'The connection lifetime or idle limit is not a whole number of seconds.';
  if (account && !/^[^\s\x00-\x1f\x7f]{1,254}$/.test(account.user)) return 'remote.it returned a user name connectd cannot take (it holds spaces or line breaks). Sign in again.';
  if (account && !/^[0-9A-Fa-f]{40}$/.test(account.authHash)) return 'The saved remote.it auth hash is not 40 hexadecimal characters. Sign in again.';
  return undefined;
}
