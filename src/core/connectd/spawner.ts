// Starting connectd processes. The engine sees only the Spawner interface (tests use a fake). The real one
// runs the child through execa with a minimal environment (childEnv.ts), in a fresh, private, empty working
// directory (connectd reads ./connectd.conf from its working directory and would act on one), in its own
// process group on POSIX so a stop reaches everything it started. It hands stdout and stderr on as they come
// and reports the exit only after both streams are drained (execa waits for them), so no output is lost.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { connectdEnvironment } from './childEnv';

export type KillSignal = 'SIGTERM' | 'SIGKILL';

export interface ProcessExit {
  /** Exit status; null when a signal ended the process. */
  code: number | null;
  signal: string | null;
}

export interface ProcessOutput {
  stdout(chunk: string): void;
  stderr(chunk: string): void;
}

export interface SpawnedProcess {
  readonly pid: number;
  /** Settles once the process has exited and its output streams are drained. Never rejects. */
  readonly exited: Promise<ProcessExit>;
  /** Signals the process (its whole group on POSIX). A process that is already gone is ignored. */
  kill(signal: KillSignal): void;
}

export interface Spawner {
  /** Resolves once the OS started the process; rejects when it could not (missing, not executable). */
  spawn(command: string, args: readonly string[], output: ProcessOutput): Promise<SpawnedProcess>;
}

export class ChildProcessSpawner implements Spawner {
  /** @param workRoot where the per-process working directories are made (default: the system temp folder). */
  constructor(private readonly workRoot: string = os.tmpdir()) {}

  async spawn(command: string, args: readonly string[], output: ProcessOutput): Promise<SpawnedProcess> {
    // execa is ESM-only: loaded on first use (the bundle inlines it; the CommonJS unit tests import it natively).
    const { execa } = await import('execa');
    const posix = process.platform !== 'win32';
    // mkdtemp makes it 0700 and new, hence private and empty.
    const cwd = await fs.mkdtemp(path.join(this.workRoot, 'connectd-'));
    const removeCwd = () => fs.rm(cwd, { recursive: true, force: true }).catch(() => undefined);
    const child = execa(command, [...args], {
      cwd,
      env: connectdEnvironment(),
      extendEnv: false,
      // stdin stays an open pipe that is never written: connectd's console then waits quietly, as with the
      // vendor's own clients (a closed stdin could read as a console exit).
      stdin: 'pipe',
      stdout: 'pipe',
      stderr: 'pipe',
      buffer: false,
      reject: false,
      detached: posix,
      // A detached child is never cleaned up by execa anyway; the engine stops connectd (and escalates to
      // SIGKILL on its own clock), so execa's own escalation stays off.
      cleanup: false,
      forceKillAfterDelay: false,
      windowsHide: true,
    });
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => output.stdout(chunk));
    child.stderr.on('data', (chunk: string) => output.stderr(chunk));

    const exited: Promise<ProcessExit> = child.then(
      async (result) => {
        await removeCwd();
        return { code: result.signal ? null : (result.exitCode ?? null), signal: result.signal ?? null };
      },
      async () => {
        await removeCwd();
        return { code: null, signal: null };
      },
    );
    try {
      await new Promise<void>((resolve, reject) => {
        child.once('spawn', () => resolve());
        child.once('error', reject);
      });
    } catch (err) {
      await exited;
      throw err;
    }
    const pid = child.pid!;
    return {
      pid,
      exited,
      kill: (signal) => {
        try {
          if (posix) process.kill(-pid, signal);
          else child.kill(signal);
        } catch {
          // Already gone (ESRCH): nothing to stop.
        }
      },
    };
  }
}
