// Writes the user's remoteit.ssh.options to a file of their own beside the managed hosts file, included from the
// user's ssh config like it: the managed Host blocks keep only the lines they write, so extra options live in
// one `Host remoteit-*` block that ssh combines with each alias's block (first value wins; the two never set
// the same option). Without options the file is emptied and no Include is added for it.
import { promises as nodeFs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { withFileLock } from '../fileLock';
import { readIfExists, writeFileAtomic } from './atomicFile';
import { ensureInclude } from './sshConfig';
import { renderSshOptions, type SshOption } from './sshOptions';

const HEADER = ['# remote.it Connect for VS Code writes this file from the remoteit.ssh.options setting.', '# Edits here are overwritten; change the setting instead.'];
/** Every alias the managed hosts file has (sshConfig.sshAlias). */
const ALIAS_PATTERN = 'remoteit-*';

export class SshOptionsFile {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly file: string,
    /** The ssh config Remote-SSH reads, resolved at each write. */
    private readonly userConfigFile: () => string,
    /** Shared with the hosts file's writer: both may edit the user's config. */
    private readonly lockFile: string,
    private readonly home: string = os.homedir(),
  ) {}

  /** Writes the options; with some, also makes sure the user's config includes the file (throws when it cannot). */
  write(options: readonly SshOption[]): Promise<void> {
    const next = this.queue.then(() =>
      withFileLock(this.lockFile, async () => {
        await nodeFs.mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
        const exists = (await readIfExists(this.file)) !== undefined;
        if (options.length === 0 && !exists) return;
        if (options.length > 0) {
          const userConfig = this.userConfigFile();
          const before = (await readIfExists(userConfig)) ?? '';
          const after = ensureInclude(before, this.file, this.home, 'your remoteit.ssh.options for its SSH hosts');
          if (after !== before) {
            await nodeFs.mkdir(path.dirname(userConfig), { recursive: true, mode: 0o700 });
            await writeFileAtomic(userConfig, after, 0o600);
          }
        }
        await writeFileAtomic(this.file, [...HEADER, ...renderSshOptions(options, ALIAS_PATTERN)].join('\n') + '\n', 0o600);
      }),
    );
    this.queue = next.catch(() => undefined);
    return next;
  }
}
