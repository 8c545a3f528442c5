// connectd argv for each launch form. `-s` makes connectd print its `!!` status lines, which drive the state
// machine. `-c`/`-p` must be the last switch. Only `-f` keeps secrets off the command line: `-p` and `-c`
// exist for users who explicitly configure a legacy launch mode (the caller warns them).
import type { InitiatorAccount, InitiatorTarget } from './target';

const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

/** `connectd -s -f <file>`: everything, secrets included, comes from the provisioning file. */
export function fileArgs(provisioningFile: string): string[] {
  return ['-s', '-f', provisioningFile];
}

/** `connectd -s -p <b64 user> <authhash> <UID> T<port> <enc> <bind> <restrict> <maxout> <life s> <idle s>`. */
export function authHashArgs(account: InitiatorAccount, t: InitiatorTarget): string[] {
  return ['-s', '-p', base64(account.user), account.authHash, t.serviceId, `T${t.port}`, String(t.encryption), t.bindAddress, t.restrictIp, String(t.maxOutstanding), String(t.lifetimeSeconds), String(t.idleSeconds)];
}

/** `connectd -h`: the banner and the usage text, then exit status 1. The safe way to read the version. */
export function helpArgs(): string[] {
  return ['-h'];
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
