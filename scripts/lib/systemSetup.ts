// The set-up step each runner starts with: probes the machine for what its run needs, installs what is missing
// when it may (root with apt-get: `apt-get update` once, then one `apt-get install -y`) and otherwise stops with
// the one command to run. Silent when nothing is missing.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CHROMIUM } from './browser';
import { isHostInstalled, type HostName } from './hosts';
import { repoRoot, testOutputDir } from './paths';
import { runLogged } from './proc';
import { planSystemSetup, type Need, type SystemState } from './systemRequirements';

export interface RunNeeds {
  /** Hosts the run starts; a host not yet in .hosts/ is built on first use. */
  hosts?: HostName[];
  /** The test world's real sshd (every run that starts the fixtures). */
  sshd?: boolean;
  browser?: boolean;
}

export async function ensureSystemReady(run: RunNeeds): Promise<void> {
  const needs: Need[] = [];
  if ((run.hosts ?? []).some((name) => !isHostInstalled(name))) needs.push('hostBuild');
  if (run.sshd) needs.push('sshd');
  if (run.browser) needs.push('browser');
  const plan = planSystemSetup(needs, probeSystem(), CHROMIUM);
  if (plan.kind === 'ready') return;
  if (plan.kind === 'blocked') stop(plan.message);

  console.log(plan.announcement);
  const started = Date.now();
  const log = path.join(testOutputDir, 'system-setup.log');
  const logName = path.relative(repoRoot, log);
  fs.mkdirSync(testOutputDir, { recursive: true });
  try {
    if (plan.packages.length > 0) {
      const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
      await runLogged('apt-get', ['update'], log, { env });
      // Waits for another apt run (e.g. unattended upgrades) instead of failing on dpkg's lock at once.
      await runLogged('apt-get', ['install', '-y', '-o', 'DPkg::Lock::Timeout=300', ...plan.packages], log, { env });
    }
    for (const folder of plan.folders) fs.mkdirSync(folder, { recursive: true, mode: 0o755 });
  } catch (err) {
    stop(`[setup] the install failed: ${err instanceof Error ? err.message : String(err)}`);
  }
  const after = planSystemSetup(needs, probeSystem(), CHROMIUM);
  if (after.kind !== 'ready') stop(`[setup] still missing after the install (log: ${logName}):\n${after.missing}`);
  console.log(`[setup] done in ${Math.round((Date.now() - started) / 1000)} s (log: ${logName})`);
}

function probeSystem(): SystemState {
  return {
    has: (look) => ('path' in look ? fs.existsSync(look.path) : onPath(look.command)),
    root: process.getuid?.() === 0,
    aptGet: onPath('apt-get'),
  };
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).filter(Boolean).some((dir) => {
    try {
      fs.accessSync(path.join(dir, command), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function stop(message: string): never {
  console.error(message);
  process.exit(1);
}
