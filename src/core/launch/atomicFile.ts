// Replaces a file the user owns (their ssh config) so that it is either wholly old or wholly new: the new text
// goes to a temp file beside the real target, is flushed to disk, then renamed over it. A crash or a full disk
// at any point leaves the old file as it was. A symlinked config (dotfile managers, home-manager) is written
// through: the link stays, its target is replaced. The file keeps its permission bits.
import { randomBytes } from 'node:crypto';
import { promises as nodeFs } from 'node:fs';
import * as path from 'node:path';

/** The part of node:fs/promises an atomic write uses (injectable to simulate failures). */
export type AtomicFs = Pick<typeof nodeFs, 'open' | 'rename' | 'realpath' | 'readlink' | 'lstat' | 'stat' | 'unlink' | 'chmod' | 'readdir'>;

/** A temp file older than this was left by a write that crashed (a live one takes milliseconds). */
const ABANDONED_TEMP_MS = 60_000;

/** Where a write to `file` really lands: the end of its symlink chain (which may not exist yet). */
export async function resolveTarget(file: string, fs: AtomicFs = nodeFs): Promise<string> {
  let current = path.resolve(file);
  for (let hops = 0; hops < 40; hops++) {
    let link: string;
    try {
      if (!(await fs.lstat(current)).isSymbolicLink()) return await fs.realpath(current);
      link = await fs.readlink(current);
    } catch (err) {
      if (code(err) !== 'ENOENT') throw err;
      // A missing file (or a dangling link's missing target) is created where it is named.
      return current;
    }
    current = path.resolve(path.dirname(current), link);
  }
  throw Object.assign(new Error(`Too many levels of symbolic links: ${file}`), { code: 'ELOOP' });
}

/**
 * Writes `text` to `file` atomically. An existing file keeps its mode; a new one gets `newFileMode`.
 * Throws (with node's error code, e.g. EACCES or EROFS) without having changed the file when it cannot be written.
 */
export async function writeFileAtomic(file: string, text: string, newFileMode: number, fs: AtomicFs = nodeFs): Promise<void> {
  const target = await resolveTarget(file, fs);
  const mode = await fs.stat(target).then(
    (s) => s.mode & 0o7777,
    (err: unknown) => {
      if (code(err) === 'ENOENT') return newFileMode;
      throw err;
    },
  );
  await removeAbandonedTemps(target, fs);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await fs.open(temp, 'wx', 0o600);
  try {
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    // After the data, so a umask never narrows it and a private file is never briefly readable.
    await fs.chmod(temp, mode);
    await fs.rename(temp, target);
  } catch (err) {
    await fs.unlink(temp).catch(() => undefined);
    throw err;
  }
  await syncDirectory(path.dirname(target), fs);
}

/** Temp files of `target` that a crashed write left behind (only our own naming, only old ones). */
async function removeAbandonedTemps(target: string, fs: AtomicFs): Promise<void> {
  const dir = path.dirname(target);
  const ours = new RegExp(`^\\.${escapeRegExp(path.basename(target))}\\.[0-9a-f]{12}\\.tmp$`);
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  for (const name of names.filter((n) => ours.test(n))) {
    const file = path.join(dir, name);
    const stat = await fs.lstat(file).catch(() => undefined);
    if (stat?.isFile() && Date.now() - stat.mtimeMs > ABANDONED_TEMP_MS) await fs.unlink(file).catch(() => undefined);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The rename itself is durable only once the directory is flushed; not every platform allows that, hence best effort. */
async function syncDirectory(dir: string, fs: AtomicFs): Promise<void> {
  try {
    const handle = await fs.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Windows cannot open a directory; the file itself is already flushed.
  }
}

function code(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | undefined)?.code;
}

/** The file's text, or undefined when there is no such file (any other read error is thrown). */
export async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await nodeFs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}
