// connectd initiator provisioning files: `key value` lines, `#` comments, and a trailing comment line that
// connectd expects. Generated files hold the auth hash, so they are written mode 0600 inside a 0700 directory
// and removed by the engine as soon as connectd has read them. A user's file is only read (as a template, see
// provisioningTemplate.ts), never written.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ensurePrivateDir } from '../privateDir';
import type { InitiatorAccount, InitiatorTarget } from './target';

const TRAILER = '# keep this comment line here';

interface Line {
  text: string;
  eol: string;
}

const ENTRY = /^\s*([^\s#]\S*)(?:[ \t]+(.*))?$/;

/** A provisioning file as lines, kept byte for byte (any line ends, comments, blank lines). */
export class ProvisioningDocument {
  private constructor(private readonly lines: Line[]) {}

  static parse(text: string): ProvisioningDocument {
    const lines: Line[] = [];
    const pattern = /([^\r\n]*)(\r\n|\n|\r|$)/g;
    for (let m = pattern.exec(text); m && !(m[1] === '' && m[2] === ''); m = pattern.exec(text)) {
      lines.push({ text: m[1], eol: m[2] });
    }
    return new ProvisioningDocument(lines);
  }

  /** The value of the first line with this key (keys are case-sensitive, as connectd reads them). */
  get(key: string): string | undefined {
    const index = this.indexOf(key);
    return index < 0 ? undefined : (ENTRY.exec(this.lines[index].text)?.[2] ?? '').trim();
  }

  /** Every key, in file order (comments and blank lines left out). */
  keys(): string[] {
    return this.lines.map((l) => ENTRY.exec(l.text)?.[1]).filter((k): k is string => k !== undefined);
  }

  toString(): string {
    return this.lines.map((l) => l.text + l.eol).join('');
  }

  private indexOf(key: string): number {
    return this.lines.findIndex((l) => ENTRY.exec(l.text)?.[1] === key);
  }
}

/**
 * The initiator file the engine generates: exactly the documented keys, then the trailing comment line. No
 * `lifetime` / `grace_period`: connectd 4.6 ignores them in a file, so the engine enforces both limits itself.
 */
export function initiatorProvisioning(account: InitiatorAccount, t: InitiatorTarget): ProvisioningDocument {
  const entries: [string, string | number][] = [
    // 1 = connect once; reconnects are the engine's job, so every drop is visible to it (2 would hide them).
    ['autoconnect', 1],
    ['user_id', account.user],
    ['auth_hash', account.authHash],
    ['remote_address', t.serviceId],
    ['proxy_local_port', t.port],
    ['proxy_bind_address', t.bindAddress],
    ['max_depth', t.maxOutstanding],
    ['encryption', t.encryption],
  ];
  const lines = ['# remote.it Connect for VS Code: removed as soon as connectd has read it', ...entries.map(([k, v]) => `${k} ${v}`), TRAILER];
  return ProvisioningDocument.parse(lines.join('\n') + '\n');
}

export async function readProvisioningFile(file: string): Promise<ProvisioningDocument> {
  return ProvisioningDocument.parse(await fs.readFile(file, 'utf8'));
}

/** Writes a new, uniquely named file readable by the owner only; returns its path. */
export async function writeProvisioningFile(dir: string, content: ProvisioningDocument | string): Promise<string> {
  await ensurePrivateDir(dir);
  const file = path.join(dir, `${randomBytes(12).toString('hex')}.conf`);
  const handle = await fs.open(file, 'wx', 0o600);
  try {
    await handle.writeFile(String(content), 'utf8');
  } finally {
    await handle.close();
  }
  return file;
}

export async function removeProvisioningFile(file: string): Promise<void> {
  await fs.rm(file, { force: true });
}

/**
 * Removes leftovers (from a crashed window) except the files still in use. Other windows share the folder: a file
 * younger than `olderThanMs` may be one another window has just written for a connectd that has not read it yet.
 */
export async function clearProvisioningDir(dir: string, inUse: ReadonlySet<string> = new Set(), olderThanMs = 0, now = Date.now()): Promise<void> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  const stale = async (file: string) => olderThanMs === 0 || now - (await fs.stat(file).then((st) => st.mtimeMs).catch(() => now)) >= olderThanMs;
  await Promise.all(
    names
      .map((name) => path.join(dir, name))
      .filter((file) => !inUse.has(file))
      .map(async (file) => (await stale(file)) && removeProvisioningFile(file)),
  );
}
