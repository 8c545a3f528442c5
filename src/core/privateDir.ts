// Folders that hold secrets (provisioning files) or process records: readable by the owner only.
import * as fs from 'node:fs/promises';

/** Makes `dir` a private (0700) directory, creating it when needed. */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  // mkdir leaves an existing directory's mode alone, and the umask may have narrowed a new one oddly.
  await fs.chmod(dir, 0o700);
}
