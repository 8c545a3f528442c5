// Applies sshConfig.ts to the files: the include file this extension owns and the user's ssh config (created
// when missing, touched only to add the Include at the top, and only when it is not there yet). Writes of one
// writer are serialised so concurrent opens cannot lose each other's blocks.
import { promises as nodeFs } from 'node:fs';
import * as path from 'node:path';
import { ensureInclude, removeHostBlock, updateHostPort, upsertHostBlock, type SshHost } from './sshConfig';

/** The part of node:fs/promises the writer uses. */
export interface SshConfigFs {
  readFile(file: string, encoding: 'utf8'): Promise<string>;
  writeFile(file: string, data: string, options: { mode: number }): Promise<void>;
  mkdir(dir: string, options: { recursive: true; mode: number }): Promise<unknown>;
}

export class SshConfigWriter {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    /** The include file this extension owns. */
    readonly includeFile: string,
    /** The ssh config Remote-SSH reads (remote.SSH.configFile or ~/.ssh/config). */
    readonly userConfigFile: string,
    private readonly fs: SshConfigFs = nodeFs,
  ) {}

  /** Adds or refreshes the alias's Host block and makes sure the user's config includes the file. */
  upsert(host: SshHost): Promise<void> {
    return this.serialised(async () => {
      await this.change(this.includeFile, (text) => upsertHostBlock(text, host));
      await this.change(this.userConfigFile, (text) => ensureInclude(text, this.includeFile));
    });
  }

  /** Follows a connection that moved to another local port; nothing happens for an unknown alias. */
  updatePort(alias: string, port: number): Promise<void> {
    return this.serialised(() => this.change(this.includeFile, (text) => updateHostPort(text, alias, port)));
  }

  remove(alias: string): Promise<void> {
    return this.serialised(() => this.change(this.includeFile, (text) => removeHostBlock(text, alias)));
  }

  private serialised(work: () => Promise<void>): Promise<void> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Read (missing = empty), transform, and write back only when something changed; private modes as ssh wants. */
  private async change(file: string, transform: (text: string) => string): Promise<void> {
    const before = await this.read(file);
    const after = transform(before ?? '');
    if (after === (before ?? '')) return;
    await this.fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    await this.fs.writeFile(file, after, { mode: 0o600 });
  }

  private async read(file: string): Promise<string | undefined> {
    try {
      return await this.fs.readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }
}
