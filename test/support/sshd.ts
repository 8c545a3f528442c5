// A real, unprivileged OpenSSH server on 127.0.0.1 for SSH tests: its own host key,
// a client key it authorises, foreground mode, logs in its folder.
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { freeLoopbackPort } from './freePort';

const SSHD = '/usr/sbin/sshd';
const PRIVSEP_DIR = '/run/sshd';

export interface RunningSshd {
  port: number;
  /** Private key (mode 0600) the server accepts for `user`. */
  clientKey: string;
  /** The account to log in as: the user running the tests. */
  user: string;
  close(): Promise<void>;
}

export async function startSshd(dir: string): Promise<RunningSshd> {
  if (!fs.existsSync(SSHD)) throw new Error(`${SSHD} not found: install the apt package openssh-server`);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  // sshd refuses to start without its privilege separation directory; nothing creates it without systemd.
  try {
    fs.mkdirSync(PRIVSEP_DIR, { recursive: true, mode: 0o755 });
  } catch (err) {
    throw new Error(`sshd needs ${PRIVSEP_DIR}; create it once as root (mkdir -p ${PRIVSEP_DIR}): ${String(err)}`);
  }
  const hostKey = path.join(dir, 'hostkey');
  const clientKey = path.join(dir, 'clientkey');
  const authorizedKeys = path.join(dir, 'authorized_keys');
  for (const key of [hostKey, clientKey]) execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'remoteit-test', '-f', key]);
  fs.copyFileSync(`${clientKey}.pub`, authorizedKeys);
  fs.chmodSync(authorizedKeys, 0o600);

  const port = await freeLoopbackPort();
  const config = path.join(dir, 'sshd_config');
  fs.writeFileSync(
    config,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${hostKey}`,
      `PidFile ${path.join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${authorizedKeys}`,
      'PermitRootLogin prohibit-password',
      'PubkeyAuthentication yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      // The key files live under test-output/, whose parents are not root-owned 0755 as StrictModes wants.
      'StrictModes no',
      'Subsystem sftp /usr/lib/openssh/sftp-server',
      'LogLevel VERBOSE',
      '',
    ].join('\n'),
  );
  execFileSync(SSHD, ['-t', '-f', config]);
  const log = fs.openSync(path.join(dir, 'sshd.log'), 'a');
  const child = spawn(SSHD, ['-D', '-e', '-f', config], { stdio: ['ignore', log, log] });
  fs.closeSync(log);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitForListening(port, () => child.exitCode !== null, path.join(dir, 'sshd.log'));
  return {
    port,
    clientKey,
    user: os.userInfo().username,
    async close() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

async function waitForListening(port: number, exited: () => boolean, logFile: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (exited()) throw new Error(`sshd exited at startup: ${fs.readFileSync(logFile, 'utf8').trim()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`sshd did not listen on 127.0.0.1:${port} within 15 s`);
}
