// connectd argv for each launch form. `-s` makes connectd print its `!!` status lines, which drive the state
// machine. `-c`/`-p` must be the last switch. Only `-f` keeps secrets off the command line: `-p` and `-c`
// exist for users who explicitly configure a legacy launch mode (the caller warns them).

/** The positional settings shared by the `-p` and `-c` forms. */
export interface InitiatorTarget {
  /** Service address (UID), e.g. 80:00:00:00:01:00:0A:C2. */
  serviceId: string;
  port: number;
  encryption: number;
  bindAddress: string;
  /** Only `-p` carries it; 0.0.0.0 = any. */
  restrictIp: string;
  maxOutstanding: number;
  lifetimeMinutes: number;
  idleMinutes: number;
}

const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

/** `connectd -s -f <file>`: everything, secrets included, comes from the provisioning file. */
export function fileArgs(provisioningFile: string): string[] {
  return ['-s', '-f', provisioningFile];
}

/** `connectd -s -p <b64 user> <authhash> <UID> T<port> <enc> <bind> <restrict> <maxout> <life> <idle>`. */
export function authHashArgs(user: string, authHash: string, t: InitiatorTarget): string[] {
  return ['-s', '-p', base64(user), authHash, t.serviceId, `T${t.port}`, String(t.encryption), t.bindAddress, t.restrictIp, String(t.maxOutstanding), String(t.lifetimeMinutes), String(t.idleMinutes)];
}

/** `connectd -s -c <b64 user> <b64 password> <UID> T<port> <enc> <bind> <maxout> <life> <idle>` (no restrict IP). */
export function passwordArgs(user: string, password: string, t: InitiatorTarget): string[] {
  return ['-s', '-c', base64(user), base64(password), t.serviceId, `T${t.port}`, String(t.encryption), t.bindAddress, String(t.maxOutstanding), String(t.lifetimeMinutes), String(t.idleMinutes)];
}

/** `connectd -n`: network diagnostics, printed, then exit. */
export function diagnosticsArgs(): string[] {
  return ['-n'];
}

/** Positions after a switch that hold a secret (relative to the switch). */
const SECRET_OFFSETS: Record<string, number[]> = {
  '-p': [2],
  '-p2': [2, 3],
  '-c': [2],
  '-e': [1],
  '-a': [1],
};

/** The argv with every secret replaced, for logs. */
export function redactArgs(args: readonly string[]): string[] {
  const out = [...args];
  args.forEach((arg, i) => {
    for (const offset of SECRET_OFFSETS[arg] ?? []) {
      if (i + offset < out.length) out[i + offset] = '<hidden>';
    }
  });
  return out;
}
