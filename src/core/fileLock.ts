// A lock between processes (VS Code windows each run their own extension host) around a read-modify-write of
// shared files: a lock file created exclusively, holding its owner's pid. A lock whose owner has died, or that
// is older than any edit could take, is broken, so a crashed window never blocks the others for good.
import { randomBytes } from 'node:crypto';
import { promises as nodeFs } from 'node:fs';

export interface FileLockOptions {
  /** Give up waiting after this long (the caller then reports the failure). */
  timeoutMs?: number;
  /** A lock older than this is taken over even if its owner seems alive (its pid may have been reused). */
  staleMs?: number;
  /** Whether a process is alive; injectable for tests. */
  isAlive?: (pid: number) => boolean;
}

export class LockTimeoutError extends Error {}

/** Runs `work` while holding `lockFile`; the lock is released however `work` ends. */
export async function withFileLock<T>(lockFile: string, work: () => Promise<T>, options: FileLockOptions = {}): Promise<T> {
  const token = `${process.pid} ${randomBytes(6).toString('hex')}`;
  await acquire(lockFile, token, options);
  try {
    return await work();
  } finally {
    // Only our own lock: if it was (wrongly) broken and retaken meanwhile, the new owner keeps it.
    if ((await nodeFs.readFile(lockFile, 'utf8').catch(() => undefined)) === token) await nodeFs.unlink(lockFile).catch(() => undefined);
  }
}

async function acquire(lockFile: string, token: string, options: FileLockOptions): Promise<void> {
  const { timeoutMs = 10_000, staleMs = 30_000, isAlive = processAlive } = options;
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    try {
      await nodeFs.writeFile(lockFile, token, { flag: 'wx', mode: 0o600 });
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    if (await breakIfAbandoned(lockFile, staleMs, isAlive)) continue;
    if (Date.now() >= deadline) throw new LockTimeoutError(`Another VS Code window has held ${lockFile} for over ${Math.round(timeoutMs / 1000)} s.`);
    await new Promise((resolve) => setTimeout(resolve, Math.min(200, 10 * 2 ** Math.min(attempt, 5)) + Math.random() * 10));
  }
}

/** Removes the lock when its owner is gone or it is stale; true when the caller should try again at once. */
async function breakIfAbandoned(lockFile: string, staleMs: number, isAlive: (pid: number) => boolean): Promise<boolean> {
  let content: string;
  let age: number;
  try {
    content = await nodeFs.readFile(lockFile, 'utf8');
    age = Date.now() - (await nodeFs.stat(lockFile)).mtimeMs;
  } catch {
    return true; // released meanwhile
  }
  const pid = Number(content.split(' ')[0]);
  // A lock being written right now has no content yet: give its owner a moment.
  const abandoned = age > staleMs || (Number.isInteger(pid) && pid > 0 && !isAlive(pid));
  if (!abandoned) return false;
  // Re-check it is still the same lock, so a fresh one taken meanwhile is not removed.
  if ((await nodeFs.readFile(lockFile, 'utf8').catch(() => undefined)) === content) await nodeFs.unlink(lockFile).catch(() => undefined);
  return true;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
