// Looking at processes this window did not start: connectd orphans left by a crashed window, found through
// their pid files. A pid can be reused, so a process is only touched when its command line proves it is ours.
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import type { KillSignal } from './spawner';

export interface ProcessTable {
  /** True when the process exists and this user may signal it. */
  isAlive(pid: number): boolean;
  /** The process's command line (arguments joined by spaces); undefined when gone or unknown. */
  commandLine(pid: number): Promise<string | undefined>;
  /** Signals the process's group (connectd runs as a group leader), or the process alone. */
  kill(pid: number, signal: KillSignal): void;
}

export class SystemProcessTable implements ProcessTable {
  isAlive(pid: number): boolean {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  }

  async commandLine(pid: number): Promise<string | undefined> {
    if (process.platform === 'linux') {
      const raw = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
      return raw ? raw.replace(/\0+$/, '').split('\0').join(' ') : undefined;
    }
    if (process.platform === 'win32') return undefined;
    return new Promise((resolve) => {
      execFile('ps', ['-p', String(pid), '-o', 'command='], (err, stdout) => resolve(err ? undefined : stdout.trim() || undefined));
    });
  }

  kill(pid: number, signal: KillSignal): void {
    for (const target of process.platform === 'win32' ? [pid] : [-pid, pid]) {
      try {
        process.kill(target, signal);
        return;
      } catch {
        // No such group (or already gone): try the process itself, then give up.
      }
    }
  }
}
