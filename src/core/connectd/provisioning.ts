// connectd initiator provisioning files: `key value` lines, `#` comments, and a trailing comment line that
// connectd expects. Generated files hold the auth hash, so they are written mode 0600 inside a 0700 directory
// and removed by the engine as soon as connectd has read them. User files are read and edited losslessly
// (comments, CRLF, unknown keys kept) so a private copy can carry a different port.
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

/** A provisioning file as lines, so that editing one value leaves everything else byte for byte. */
export class ProvisioningDocument {
  private constructor(
    private readonly lines: Line[],
    private readonly eol: string,
  ) {}

  static parse(text: string): ProvisioningDocument {
    const lines: Line[] = [];
    const pattern = /([^\r\n]*)(\r\n|\n|\r|$)/g;
    for (let m = pattern.exec(text); m && !(m[1] === '' && m[2] === ''); m = pattern.exec(text)) {
      lines.push({ text: m[1], eol: m[2] });
    }
    const crlf = lines.filter((l) => l.eol === '\r\n').length;
    const lf = lines.filter((l) => l.eol === '\n').length;
    return new ProvisioningDocument(lines, crlf > lf ? '\r\n' : '\n');
  }

  /** The value of the first line with this key (keys are case-sensitive, as connectd reads them). */
  get(key: string): string | undefined {
    const index = this.indexOf(key);
    return index < 0 ? undefined : (ENTRY.exec(this.lines[index].text)?.[2] ?? '').trim();
  }

  has(key: string): boolean {
    return this.indexOf(key) >= 0;
  }

  /** Replaces the value in place, or adds the key before the trailing comment line. */
  set(key: string, value: string | number): this {
    const text = `${key} ${value}`;
    const index = this.indexOf(key);
    if (index >= 0) {
      this.lines[index] = { ...this.lines[index], text };
      return this;
    }
    const last = this.lastContentLine();
    if (last >= 0 && this.lines[last].text.trim().startsWith('#')) {
      this.lines.splice(last, 0, { text, eol: this.eol });
    } else {
      if (this.lines.length > 0 && this.lines[this.lines.length - 1].eol === '') this.lines[this.lines.length - 1].eol = this.eol;
      this.lines.push({ text, eol: this.eol }, { text: TRAILER, eol: this.eol });
    }
    return this;
  }

  toString(): string {
    return this.lines.map((l) => l.text + l.eol).join('');
  }

  private indexOf(key: string): number {
    return this.lines.findIndex((l) => ENTRY.exec(l.text)?.[1] === key);
  }

  private lastContentLine(): number {
    for (let i = this.lines.length - 1; i >= 0; i--) if (this.lines[i].text.trim() !== '') return i;
    return -1;
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

/** Removes leftovers (from a crashed window) except the files still in use. */
export async function clearProvisioningDir(dir: string, inUse: ReadonlySet<string> = new Set()): Promise<void> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  await Promise.all(names.map((name) => path.join(dir, name)).filter((file) => !inUse.has(file)).map(removeProvisioningFile));
}
