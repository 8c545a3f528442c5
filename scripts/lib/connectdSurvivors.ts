// "Window closed → no connectd left": after an in-host pass the runner looks in the process table for connectd
// stand-ins that this pass's extension host started and that outlived its window. connectd runs in its own
// process group, so closing the window or code-server never takes it along: only the extension's deactivate()
// stops it. A stand-in is told apart from other runs' (another checkout, a concurrent run) by its argv (the
// stand-in path) and by this run's emulator URL in its environment.
import * as fs from 'node:fs';

export interface ConnectdMatch {
  /** Absolute path of the stand-in, as the extension passes it to spawn (remoteit.connectd.path). */
  standIn: string;
  /** `NAME=value` that only this run's stand-ins carry, e.g. CONNECTD_STANDIN_API=<this emulator's URL>. */
  envEntry: string;
}

export interface SurvivorCheck {
  passed: boolean;
  /** Pids still running when the check gave up (killed since). */
  survivors: number[];
  /** How long the stand-ins took to go. */
  waitedMs: number;
}

/** deactivate() SIGTERMs connectd and SIGKILLs it after its own 5 s grace: 10 s leaves room on a busy machine. */
export const SURVIVOR_GRACE_MS = 10_000;

/** Pids of this run's connectd stand-ins (zombies have an empty cmdline and do not count). */
export function runningConnectd(match: ConnectdMatch): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const argv = readNulSeparated(`/proc/${entry}/cmdline`);
    if (!argv.some((arg) => arg.includes(match.standIn))) continue;
    if (readNulSeparated(`/proc/${entry}/environ`).includes(match.envEntry)) pids.push(Number(entry));
  }
  return pids;
}

/** Waits up to graceMs for this run's stand-ins to go; kills any that stay so later passes start clean. */
export async function checkNoConnectdSurvives(match: ConnectdMatch, graceMs = SURVIVOR_GRACE_MS): Promise<SurvivorCheck> {
  const started = Date.now();
  let pids = runningConnectd(match);
  while (pids.length > 0 && Date.now() - started < graceMs) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    pids = runningConnectd(match);
  }
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // went between the scan and the kill
    }
  }
  return { passed: pids.length === 0, survivors: pids, waitedMs: Date.now() - started };
}

function readNulSeparated(file: string): string[] {
  try {
    return fs.readFileSync(file, 'utf8').split('\0');
  } catch {
    return []; // the process ended, or it is not ours to read
  }
}
