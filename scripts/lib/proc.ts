// Child-process helpers shared by the runners: commands whose output goes to a log file, short captures,
// long-running servers started in their own process group so close() can end the whole tree.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

/** Runs a command to completion with stdout+stderr appended to logFile; rejects with the log's tail on failure. */
export function runLogged(cmd: string, args: string[], logFile: string, options: RunOptions = {}): Promise<void> {
  const out = fs.openSync(logFile, 'a');
  fs.writeSync(out, `\n$ ${cmd} ${args.join(' ')}\n`);
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', out, out] });
    child.on('error', (err) => {
      fs.closeSync(out);
      reject(err);
    });
    child.on('exit', (code, signal) => {
      fs.closeSync(out);
      if (code === 0) resolve();
      else reject(new Error(`${cmd} ${args.join(' ')} failed (${signal ?? `exit ${code}`}); last log lines of ${logFile}:\n${tail(logFile, 25)}`));
    });
  });
}

/** Runs a short command and returns its stdout; rejects with stderr on a non-zero exit. */
export function capture(cmd: string, args: string[], options: RunOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${stderr.trim()}`))));
  });
}

/** Last n lines of a text file (empty when it does not exist). */
export function tail(file: string, n: number): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-n).join('\n');
  } catch {
    return '';
  }
}

/** Starts a long-running process as the leader of a new process group, output appended to logFile. */
export function startDetached(cmd: string, args: string[], logFile: string, options: RunOptions = {}): ChildProcess {
  const out = fs.openSync(logFile, 'a');
  const child = spawn(cmd, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', out, out], detached: true });
  fs.closeSync(out);
  return child;
}

/** Ends a process group started by startDetached: SIGTERM, then SIGKILL if it is still there after graceMs. */
export async function killTree(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) {
    signalGroup(child.pid, 'SIGKILL'); // leftovers of an exited leader (e.g. the extension host)
    return;
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  signalGroup(child.pid, 'SIGTERM');
  const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), graceMs).unref());
  await Promise.race([exited, timer]);
  signalGroup(child.pid, 'SIGKILL');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
}

function signalGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is already gone
  }
}
