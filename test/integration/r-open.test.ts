// Opening connected services in the host: SSH without Remote-SSH runs ssh in a terminal that logs in to the real
// sshd with the key and private known_hosts of remoteit.ssh.options, and stays open when ssh fails so its error
// can be read; open-after-connect follows its setting; a launch template that would act inside the editor is
// never opened.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { fixture, inState, restoreRunnerSettings, signIn, waitFor } from './support';

const config = () => vscode.workspace.getConfiguration('remoteit');

function sshdLog(): string {
  return fs.readFileSync(path.join(path.dirname(fixture().sshClientKey), 'sshd.log'), 'utf8');
}

async function until(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The next terminal VS Code opens whose name starts with `name`. */
function nextTerminal(name: string, timeoutMs = 30_000): Promise<vscode.Terminal> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`no terminal "${name}" opened within ${timeoutMs} ms`));
    }, timeoutMs);
    const sub = vscode.window.onDidOpenTerminal((t) => {
      if (!t.name.startsWith(name)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(t);
    });
  });
}

function closed(terminal: vscode.Terminal, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      sub.dispose();
      resolve(false);
    }, timeoutMs);
    const sub = vscode.window.onDidCloseTerminal((t) => {
      if (t !== terminal) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(true);
    });
  });
}

describe('opening connected services', () => {
  // The runner's value (in a code-server window a machine-scoped setting is not in inspect().globalValue).
  const originalOptions = fixture().settings['remoteit.ssh.options'];

  afterEach(async () => {
    await vscode.commands.executeCommand('remoteit.disconnectAll');
    await restoreRunnerSettings('ssh.options', 'openAfterConnect', 'launchTemplates');
    for (const t of vscode.window.terminals.filter((t) => t.name.startsWith('ssh '))) t.dispose();
  });

  it('SSH Open logs in to the real sshd with the configured key, recording its host key in the private known_hosts only', async () => {
    const a = await signIn();
    const f = fixture();
    const knownHosts = (originalOptions as Record<string, string>).UserKnownHostsFile;
    assert.ok(knownHosts, 'the fixture sets a private known_hosts');
    const home = path.join(process.env.HOME ?? '/nonexistent', '.ssh', 'known_hosts');
    const homeBefore = fs.existsSync(home) ? fs.readFileSync(home, 'utf8') : undefined;
    await vscode.commands.executeCommand('remoteit.connect', f.services.ssh.id);
    await waitFor(a, f.services.ssh.id, inState('ready'), 'SSH ready');
    const accepted = sshdLog().split('Accepted publickey').length;
    const opened = nextTerminal(`ssh ${f.services.ssh.name}`);
    await vscode.commands.executeCommand('remoteit.open', f.services.ssh.id);
    const terminal = await opened;
    await until(() => sshdLog().split('Accepted publickey').length > accepted, 'sshd to accept the configured key');
    await until(() => fs.existsSync(knownHosts) && fs.readFileSync(knownHosts, 'utf8').includes('remoteit-'), 'the host key in the private known_hosts');
    assert.equal(fs.existsSync(home) ? fs.readFileSync(home, 'utf8') : undefined, homeBefore, '~/.ssh/known_hosts is untouched');
    // The managed block and the options block together: `ssh -G` resolves the alias with the configured key.
    const userConfig = config().get<string>('ssh.configFile')!;
    const alias = /^Host (remoteit-\S+)$/m.exec(fs.readFileSync(a.sshIncludeFile(), 'utf8'))![1];
    const effective = execFileSync('ssh', ['-G', '-F', userConfig, alias], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    assert.match(effective, new RegExp(`^identityfile ${f.sshClientKey}$`, 'm'));
    terminal.sendText('exit');
    assert.equal(await closed(terminal, 15_000), true, 'the terminal closes when the ssh session ends normally');
  });

  it('when ssh fails, its terminal stays open with the error until Enter, then ends with ssh\'s exit code', async () => {
    const a = await signIn();
    const f = fixture();
    // The sshd's own host key is a valid private key that sshd does not accept for logging in.
    const wrongKey = path.join(path.dirname(f.sshClientKey), 'hostkey');
    await config().update('ssh.options', { ...(originalOptions as object), IdentityFile: wrongKey, PreferredAuthentications: 'publickey' }, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('remoteit.connect', f.services.ssh.id);
    await waitFor(a, f.services.ssh.id, inState('ready'), 'SSH ready');
    const refusals = sshdLog().split('Connection closed by authenticating user').length;
    const opened = nextTerminal(`ssh ${f.services.ssh.name}`);
    await vscode.commands.executeCommand('remoteit.open', f.services.ssh.id);
    const terminal = await opened;
    await until(() => sshdLog().split('Connection closed by authenticating user').length > refusals, 'sshd to refuse the key');
    assert.equal(await closed(terminal, 3000), false, 'the terminal is still open after ssh failed');
    assert.equal(terminal.exitStatus, undefined);
    terminal.sendText('');
    assert.equal(await closed(terminal, 15_000), true, 'Enter closes it');
    assert.equal((terminal.exitStatus as vscode.TerminalExitStatus | undefined)?.code, 255, "ssh's exit code is the terminal's");
  });

  it('open after connect: SSH opens by default, never when the setting says so', async () => {
    const a = await signIn();
    const { ssh } = fixture().services;
    await config().update('openAfterConnect', 'never', vscode.ConfigurationTarget.Global);
    let opened = 0;
    const sub = vscode.window.onDidOpenTerminal((t) => (opened += t.name.startsWith(`ssh ${ssh.name}`) ? 1 : 0));
    try {
      await vscode.commands.executeCommand('remoteit.connect', ssh.id);
      assert.equal(a.connection(ssh.id)?.state, 'ready', 'Connect resolves once ready');
      await new Promise((r) => setTimeout(r, 1500));
      assert.equal(opened, 0, 'nothing opened with "never"');
      await vscode.commands.executeCommand('remoteit.disconnect', ssh.id);
      await waitFor(a, ssh.id, inState('idle'), 'idle');
      await config().update('openAfterConnect', 'sshAndWeb', vscode.ConfigurationTarget.Global);
      const terminal = nextTerminal(`ssh ${ssh.name}`);
      await vscode.commands.executeCommand('remoteit.connect', ssh.id);
      await terminal;
      assert.equal(opened, 1, 'the SSH service opened once, right after Connect');
    } finally {
      sub.dispose();
    }
  });

  it('hostile: a launch template that would run an editor command is never opened; the command never runs', async () => {
    const a = await signIn();
    const { http } = fixture().services;
    let ran = false;
    const trap = vscode.commands.registerCommand('remoteit.test.trap', () => (ran = true));
    await config().update('launchTemplates', { http: 'command:remoteit.test.trap?[port]' }, vscode.ConfigurationTarget.Global);
    try {
      await vscode.commands.executeCommand('remoteit.connect', http.id);
      await waitFor(a, http.id, inState('ready'), 'HTTP ready');
      await vscode.commands.executeCommand('remoteit.open', http.id);
      await new Promise((r) => setTimeout(r, 1000));
      assert.equal(ran, false, 'the command: URL was not opened');
    } finally {
      trap.dispose();
    }
  });
});
