// `-d [pidfile]`: the parent starts a detached copy that does the work, writes the pid file and exits 0, as
// a forking daemon does. The copy gets its settings through a pipe (the provisioning file may be gone
// already, and secrets stay off its command line).
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import type { InitiatorConfig } from './config';
import { line } from './messages';
import { endProcess, type Output } from './output';

export const DAEMON_CHILD_ENV = 'CONNECTD_STANDIN_DAEMON_CHILD';

export interface DaemonPayload {
  config: InitiatorConfig;
  status: boolean;
  quiet: boolean;
}

export function daemonize(out: Output, payload: DaemonPayload, pidFile: string | undefined): void {
  out.line(line.startingDaemon);
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    detached: true,
    stdio: ['pipe', 'inherit', 'inherit'],
    env: { ...process.env, [DAEMON_CHILD_ENV]: '1' },
  });
  const pid = child.pid as number;
  if (pidFile) {
    writeFileSync(pidFile, `${pid}\n`);
    out.line(line.pidFile(pidFile, pid));
  }
  child.unref();
  child.stdin?.end(JSON.stringify(payload), () => {
    out.line(line.parentExited);
    endProcess(0);
  });
}

/** In the daemon copy: the settings its parent sent. */
export function readDaemonPayload(): Promise<DaemonPayload> {
  return new Promise((resolve, reject) => {
    let text = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (chunk: string) => (text += chunk));
    process.stdin.on('end', () => {
      try {
        resolve(JSON.parse(text) as DaemonPayload);
      } catch (err) {
        reject(err);
      }
    });
    process.stdin.on('error', reject);
  });
}
