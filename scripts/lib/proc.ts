// Child-process helpers shared by the runners, on execa: commands whose output goes to a log file, short
// captures, long-running servers started in their own process group so close() can end the whole tree.
import * as fs from 'node:fs';
import type { Result } from 'execa';

export interface RunOptions {
  cwd?: string;
  /** The child's whole environment (not added to ours), as child_process takes it; default: ours. */
  env?: NodeJS.ProcessEnv;
}

/** execa is ESM-only; tsx runs these scripts as CommonJS, where only import() can load it. */
export async function loadExeca(): Promise<typeof import('execa')> {
  return import('execa');
}

/** Runs a command to completion with stdout+stderr appended to logFile; rejects with the log's tail on failure. */
export async function runLogged(cmd: string, args: string[], logFile: string, options: RunOptions = {}): Promise<void> {
  const { execa } = await loadExeca();
  fs.appendFileSync(logFile, `\n$ ${cmd} ${args.join(' ')}\n`);
  const log = { file: logFile, append: true } as const;
  const result = await execa(cmd, args, { ...childOptions(options), stdin: 'ignore', stdout: log, stderr: log, reject: false });
  if (result.failed) throw new Error(`${cmd} ${args.join(' ')} failed (${howItEnded(result)}); last log lines of ${logFile}:\n${tail(logFile, 25)}`);
}

/** Runs a short command and returns its stdout; rejects with stderr on a non-zero exit. */
export async function capture(cmd: string, args: string[], options: RunOptions = {}): Promise<string> {
  const { execa } = await loadExeca();
  const result = await execa(cmd, args, { ...childOptions(options), stdin: 'ignore', reject: false });
  if (result.failed) throw new Error(`${cmd} ${args.join(' ')} failed (${howItEnded(result)}): ${result.stderr.trim()}`);
  return result.stdout;
}

/** Last n lines of a text file (empty when it does not exist). */
export function tail(file: string, n: number): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-n).join('\n');
  } catch {
    return '';
  }
}

/** A long-running process leading its own process group. */
export interface ProcessGroup {
  /** True once the leader has exited (what it started may still run). */
  readonly exited: boolean;
  /** SIGTERM to the whole group, then SIGKILL to whatever is left after graceMs (or at once when the leader is gone). */
  close(graceMs?: number): Promise<void>;
}

/** Starts a long-running process as the leader of a new process group, output appended to logFile. */
export async function startProcessGroup(cmd: string, args: string[], logFile: string, options: RunOptions = {}): Promise<ProcessGroup> {
  const { execa } = await loadExeca();
  // A file descriptor rather than a pipe: the server keeps logging even when this process is gone. execa hands
  // any open descriptor to spawn as it is, though its types name only 1 to 9.
  const out = fs.openSync(logFile, 'a') as 3;
  const leader = execa(cmd, args, { ...childOptions(options), detached: true, stdin: 'ignore', stdout: out, stderr: out, reject: false });
  fs.closeSync(out);
  let exited = false;
  const ended = leader.then(() => {
    exited = true;
  });
  return {
    get exited() {
      return exited;
    },
    async close(graceMs = 3000) {
      if (leader.pid === undefined) return; // it never started
      if (!exited) {
        signalGroup(leader.pid, 'SIGTERM');
        await Promise.race([ended, delay(graceMs)]);
      }
      signalGroup(leader.pid, 'SIGKILL'); // leftovers of an exited leader (e.g. the extension host)
      await Promise.race([ended, delay(1000)]);
    },
  };
}

/** The environment replaces ours rather than adding to it (execa's default), so callers can drop variables. */
function childOptions(options: RunOptions) {
  return { cwd: options.cwd, env: options.env, extendEnv: false } as const;
}

function howItEnded(result: Result): string {
  if (result.signal) return `killed by ${result.signal}`;
  if (result.exitCode !== undefined) return `exit ${result.exitCode}`;
  return result.originalMessage ?? 'did not start'; // e.g. "spawn apt-get ENOENT"
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is already gone
  }
}
