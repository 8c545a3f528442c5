// Applies sshConfig.ts to the files: the include file this extension owns and the user's ssh config (created
// when missing, touched only to add the Include at the top, and only when it is not there yet). One writer per
// extension host serialises its own edits; a lock file beside the include file serialises the windows; every
// write is atomic. The user's config is dealt with first, so when it cannot be written (read-only, e.g. a
// home-manager symlink) the caller learns so before anything changed and can show the line to add. Beside the
// include file, a record says which account each host was written for, so pruning after a refresh touches only
// the listed account's hosts.
import { promises as nodeFs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readIfExists, writeFileAtomic, type AtomicFs } from './atomicFile';
import { withFileLock, type FileLockOptions } from '../fileLock';
import { checkedHost, ensureInclude, includeDirective, readIncludeFile, retainHostBlocks, updateHostPort, upsertHostBlock, type SshHost } from './sshConfig';
import { readHostAccounts, renderHostAccounts, survivesListing } from './sshHostAccounts';

export interface UpsertResult {
  /**
   * Set when the user's ssh config lacks the Include and could not be changed: the exact line to put at its
   * top. The Host block was written all the same, so `ssh -F <include file>` works meanwhile.
   */
  includeLineToAdd?: string;
}

export interface SshConfigWriterOptions {
  home?: string;
  lock?: FileLockOptions;
  /** The file system atomic writes go through (tests inject failures). */
  fs?: AtomicFs;
}

export class SshConfigWriter {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly home: string;

  private readonly accountsFile: string;

  constructor(
    /** The include file this extension owns. */
    readonly includeFile: string,
    /** The ssh config Remote-SSH reads (remote.SSH.configFile or ~/.ssh/config), resolved at each edit. */
    private readonly userConfigFile: () => string,
    private readonly options: SshConfigWriterOptions = {},
  ) {
    this.home = options.home ?? os.homedir();
    this.accountsFile = `${includeFile}.accounts.json`;
  }

  /** Adds or refreshes the alias's Host block, written for `account`, and makes sure the user's config includes the file. */
  async upsert(host: SshHost, account: string): Promise<UpsertResult> {
    // An unsafe value is refused before any file is touched.
    checkedHost(host);
    return this.locked(async () => {
      const userConfig = this.userConfigFile();
      let includeLineToAdd: string | undefined;
      try {
        await this.change(userConfig, (text) => ensureInclude(text, this.includeFile, this.home));
      } catch (err) {
        if (!isNotWritable(err)) throw err;
        includeLineToAdd = includeDirective(this.includeFile);
      }
      await this.change(this.includeFile, (text) => upsertHostBlock(text, host));
      await this.change(this.accountsFile, (text) => renderHostAccounts(readHostAccounts(text).set(host.alias, account)));
      return includeLineToAdd ? { includeLineToAdd } : {};
    });
  }

  /** Follows a connection that moved to another local port; nothing happens for an unknown alias. */
  updatePort(alias: string, port: number): Promise<void> {
    return this.locked(() => this.change(this.includeFile, (text) => updateHostPort(text, alias, port)));
  }

  /**
   * After a refresh that loaded the whole of `account`: keeps that account's Host blocks whose alias is listed
   * and every other account's blocks.
   */
  retainListed(account: string, aliases: Iterable<string>): Promise<void> {
    const listed = new Set(aliases);
    return this.locked(async () => {
      const owners = readHostAccounts(await readIfExists(this.accountsFile));
      await this.retain((alias) => survivesListing(alias, owners, account, listed));
    });
  }

  /** Removes every Host block (sign-out). */
  clear(): Promise<void> {
    return this.locked(() => this.retain(() => false));
  }

  /** Call under the lock: the include file keeps the blocks `keep` accepts, and the record follows it. */
  private async retain(keep: (alias: string) => boolean): Promise<void> {
    await this.change(this.includeFile, (text) => retainHostBlocks(text, keep));
    const remaining = new Set(readIncludeFile((await readIfExists(this.includeFile)) ?? '').map((h) => h.alias));
    await this.change(this.accountsFile, (text) => {
      const owners = readHostAccounts(text);
      for (const alias of owners.keys()) if (!remaining.has(alias)) owners.delete(alias);
      return renderHostAccounts(owners);
    });
  }

  /** In this extension host one edit at a time; across windows, under the lock file. */
  private locked<T>(work: () => Promise<T>): Promise<T> {
    const guarded = () => withFileLock(`${this.includeFile}.lock`, work, this.options.lock);
    const next = this.queue.then(async () => {
      await nodeFs.mkdir(path.dirname(this.includeFile), { recursive: true, mode: 0o700 });
      return guarded();
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Read (missing = empty), transform, and write back atomically only when something changed. */
  private async change(file: string, transform: (text: string) => string): Promise<void> {
    const before = await readIfExists(file);
    const after = transform(before ?? '');
    if (after === before) return;
    // Never create a file that holds nothing (e.g. re-porting or removing an unknown alias).
    if (before === undefined && file === this.includeFile && readIncludeFile(after).length === 0) return;
    if (before === undefined && file === this.accountsFile && readHostAccounts(after).size === 0) return;
    await nodeFs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    await writeFileAtomic(file, after, 0o600, this.options.fs);
  }
}

function isNotWritable(err: unknown): boolean {
  return ['EACCES', 'EPERM', 'EROFS'].includes((err as NodeJS.ErrnoException).code ?? '');
}
