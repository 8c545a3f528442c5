// One pid file per running connectd, so the next window can find processes a crashed window left behind.
// A record names the binary and an argument unique to that run, so a reused pid is never mistaken for ours.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ensurePrivateDir } from '../privateDir';

export interface PidRecord {
  id: string;
  pid: number;
  /** The connectd binary that was started. */
  command: string;
  /** An argument only this run had (its provisioning file, or the service address). */
  marker: string;
  startedAt: number;
  /** The manager (window) that started it: a window never reaps its own processes. */
  session: string;
  /** pid of the extension host that started it: while that process lives, its window still owns the connectd. */
  owner?: number;
}

export class PidFiles {
  constructor(private readonly dir: string) {}

  async write(record: PidRecord): Promise<void> {
    await ensurePrivateDir(this.dir);
    await fs.writeFile(this.file(record.id), JSON.stringify(record), { mode: 0o600 });
  }

  async remove(id: string): Promise<void> {
    await fs.rm(this.file(id), { force: true });
  }

  /** Every readable record; unreadable files are dropped. */
  async list(): Promise<PidRecord[]> {
    const names = await fs.readdir(this.dir).catch(() => [] as string[]);
    const records: PidRecord[] = [];
    for (const name of names) {
      const file = path.join(this.dir, name);
      try {
        const record = JSON.parse(await fs.readFile(file, 'utf8')) as PidRecord;
        if (Number.isInteger(record.pid) && record.pid > 0 && typeof record.id === 'string' && record.command && record.marker) records.push(record);
        else await fs.rm(file, { force: true });
      } catch {
        await fs.rm(file, { force: true });
      }
    }
    return records;
  }

  private file(id: string): string {
    return path.join(this.dir, `${createHash('sha256').update(id).digest('hex').slice(0, 32)}.json`);
  }
}
