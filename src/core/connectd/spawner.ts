// Starting connectd processes. The engine sees only the Spawner interface (tests use a fake); the real one
// runs the child in its own process group on POSIX so a stop reaches everything it started, drains stdout and
// stderr as they come, and reports the exit only after both streams have closed (no output is lost).
import { spawn as spawnChild } from 'node:child_process';

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

export interface SpawnOptions {
  cwd?: string;
}

export interface Spawner {
  /** Resolves once the OS started the process; rejects when it could not (missing, not executable). */
  spawn(command: string, args: readonly string[], output: ProcessOutput, options?: SpawnOptions): Promise<SpawnedProcess>;
}

export class ChildProcessSpawner implements Spawner {
  spawn(command: string, args: readonly string[], output: ProcessOutput, options: SpawnOptions = {}): Promise<SpawnedProcess> {
    const posix = process.platform !== 'win32';
    return new Promise((resolve, reject) => {
      const child = spawnChild(command, [...args], {
        cwd: options.cwd,
        // stdin stays an open pipe that is never written: connectd's console then waits quietly, as with the
        // vendor's own clients (a closed stdin could read as a console exit).
        stdio: ['pipe', 'pipe', 'pipe'],
        detached: posix,
        windowsHide: true,
      });
      child.stdout.setEncoding('utf8');
      child.stderr.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => output.stdout(chunk));
      child.stderr.on('data', (chunk: string) => output.stderr(chunk));
      for (const stream of [child.stdin, child.stdout, child.stderr]) stream.on('error', () => undefined);

      const exited = new Promise<ProcessExit>((done) => {
        child.once('close', (code, signal) => {
          child.stdin.destroy();
          done({ code, signal });
        });
      });
      child.once('error', (err) => {
        if (child.pid === undefined) reject(err);
      });
      child.once('spawn', () => {
        const pid = child.pid!;
        resolve({
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
        });
      });
    });
  }
}
