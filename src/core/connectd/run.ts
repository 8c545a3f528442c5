// Runs connectd once to completion (banner/version, diagnostics) and collects its output as lines.
import { systemClock, type Clock } from '../clock';
import { LineSplitter } from './lines';
import type { ProcessExit, Spawner } from './spawner';

export interface RunResult {
  /** stdout and stderr lines, in arrival order. */
  lines: string[];
  exit: ProcessExit;
  /** True when the process had to be killed because it outlived the time limit. */
  timedOut: boolean;
}

export async function runToEnd(spawner: Spawner, command: string, args: readonly string[], timeoutMs: number, clock: Clock = systemClock): Promise<RunResult> {
  const lines: string[] = [];
  const streams = { stdout: new LineSplitter(), stderr: new LineSplitter() };
  const child = await spawner.spawn(command, args, {
    stdout: (chunk) => lines.push(...streams.stdout.push(chunk)),
    stderr: (chunk) => lines.push(...streams.stderr.push(chunk)),
  });
  let timedOut = false;
  const timer = clock.setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, timeoutMs);
  const exit = await child.exited;
  clock.clearTimeout(timer);
  lines.push(...streams.stdout.flush(), ...streams.stderr.flush());
  return { lines, exit, timedOut };
}
