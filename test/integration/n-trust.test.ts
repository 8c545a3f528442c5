// Trust boundaries in a real extension host: what a repository's workspace settings, a hostile API answer and a
// second window can do to the user's files and processes — each case asserts the files and processes after.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { readIncludeFile, sshAlias } from '../../src/core/launch/sshConfig';
import { SshConfigWriter } from '../../src/core/launch/sshConfigWriter';
import { OWN_ACCOUNT } from '../../src/core/account/deviceStore';
import { control, fixture, inState, signIn, waitFor } from './support';

const HOSTILE_HOST = 'proxy.example\nHost *\n  ProxyCommand touch /tmp/remoteit-pwned';

/** Every line of the include file is a comment, blank, or an option of a managed `Host remoteit-…` block. */
function assertOnlyManagedBlocks(text: string): void {
  const allowed = /^(#.*|\s*|Host remoteit-(?:[0-9a-f]{2}-){7}[0-9a-f]{2}|  (HostName|Port|User|HostKeyAlias|CheckHostIP|ServerAliveInterval) [^\s]+)$/;
  for (const line of text.split('\n')) assert.match(line, allowed, `unexpected line in the include file: ${JSON.stringify(line)}`);
}

/** The ssh config the test user settings point the extension at (never the machine's ~/.ssh/config). */
function userSshConfig(): string {
  const file = vscode.workspace.getConfiguration('remoteit').inspect<string>('ssh.configFile')?.globalValue;
  assert.ok(file, 'the test run sets remoteit.ssh.configFile in user settings');
  return file;
}

/** An HTTP server that only counts who calls it: where a hostile apiUrl would send the session. */
async function startTrap(): Promise<{ url: string; requests: () => number; close: () => Promise<void> }> {
  let requests = 0;
  const server = http.createServer((_req, res) => {
    requests++;
    res.writeHead(500).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: () => requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Writes the folder's .vscode/settings.json and waits until VS Code has read it (a harmless editor setting shows it). */
async function writeWorkspaceSettings(folder: string, settings: Record<string, unknown>): Promise<() => Promise<void>> {
  const file = path.join(folder, '.vscode', 'settings.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const applied = new Promise<void>((resolve) => {
    const sub = vscode.workspace.onDidChangeConfiguration(() => {
      if (vscode.workspace.getConfiguration('editor').get('tabSize') === 7) {
        sub.dispose();
        resolve();
      }
    });
  });
  fs.writeFileSync(file, JSON.stringify({ ...settings, 'editor.tabSize': 7 }, null, 2));
  await Promise.race([applied, new Promise((_, reject) => setTimeout(() => reject(new Error('VS Code never read the workspace settings')), 20_000))]);
  return async () => {
    const gone = new Promise<void>((resolve) => {
      const sub = vscode.workspace.onDidChangeConfiguration(() => {
        if (vscode.workspace.getConfiguration('editor').get('tabSize') !== 7) {
          sub.dispose();
          resolve();
        }
      });
    });
    fs.rmSync(file, { force: true });
    await Promise.race([gone, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  };
}

describe('trust boundaries (workspace settings, hostile API answers, a second window)', () => {
  afterEach(() => vscode.commands.executeCommand('remoteit.disconnectAll'));

  it('a repository\'s .vscode/settings.json cannot choose the API, the connectd executable, the ssh config or modes', async () => {
    const a = await signIn();
    const f = fixture();
    const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const trap = await startTrap();
    const marker = path.join(folder, 'evil-connectd-ran');
    const evilConnectd = path.join(folder, 'evil-connectd');
    fs.writeFileSync(evilConnectd, `#!/bin/sh\ntouch '${marker}'\nsleep 60\n`, { mode: 0o755 });
    const victim = path.join(folder, 'victim_ssh_config');
    const victimText = 'Host mine\n  User me\n';
    fs.writeFileSync(victim, victimText);
    const removeSettings = await writeWorkspaceSettings(folder, {
      'remoteit.apiUrl': trap.url,
      'remoteit.connectd.path': evilConnectd,
      'remoteit.ssh.configFile': victim,
      'remoteit.ssh.user': 'evil',
      'remoteit.connectd.launchMode': 'authhash',
      'remoteit.connectd.encryption': 0,
      'remoteit.connectd.bindAddress': '0.0.0.0',
      'remoteit.credentialsFile': victim,
    });
    try {
      const config = vscode.workspace.getConfiguration('remoteit');
      assert.equal(config.get('apiUrl'), f.apiUrl);
      assert.equal(config.get('connectd.path'), f.connectdPath);
      assert.equal(config.get('ssh.configFile'), userSshConfig());
      assert.equal(config.get('connectd.launchMode'), 'file');
      assert.equal(config.get('connectd.encryption'), 2);
      assert.equal(config.get('connectd.bindAddress'), '127.0.0.1');
      assert.notEqual(config.get('credentialsFile'), victim);

      await vscode.commands.executeCommand('remoteit.refresh');
      assert.equal(a.devicesError(), undefined, 'the device list still comes from the real API');
      assert.ok(a.devices().length > 0);

      const { ssh } = f.services;
      await vscode.commands.executeCommand('remoteit.connect', ssh.id);
      const ready = await waitFor(a, ssh.id, inState('ready'), 'SSH service ready');
      assert.ok(ready.pid, 'connectd runs');
      const cmdline = fs.readFileSync(`/proc/${ready.pid}/cmdline`, 'utf8').split('\0').join(' ');
      assert.ok(cmdline.includes(f.connectdPath), `the configured connectd runs, not the workspace's (${cmdline})`);
      assert.ok(!cmdline.includes(' -p '), 'no auth hash on the command line (launchMode stays "file")');

      await vscode.commands.executeCommand('remoteit.open', ssh.id);
      const include = fs.readFileSync(a.sshIncludeFile(), 'utf8');
      assert.match(include, new RegExp(`^  User ${ssh.user}$`, 'm'), 'the user setting from user settings');
      assert.doesNotMatch(include, /User evil/);
      assert.match(fs.readFileSync(userSshConfig(), 'utf8'), /^Include /m, 'the Include went into the user\'s configured ssh config');

      assert.equal(fs.readFileSync(victim, 'utf8'), victimText, 'the workspace-named ssh config is untouched');
      assert.equal(fs.existsSync(marker), false, 'the workspace\'s executable never ran');
      assert.equal(trap.requests(), 0, 'nothing (no token) was sent to the workspace\'s API URL');
    } finally {
      await removeSettings();
      await trap.close();
      for (const file of [evilConnectd, victim, marker]) fs.rmSync(file, { force: true });
    }
  });

  it('a cloud-proxy host with a newline from the API never reaches the ssh include file', async () => {
    const a = await signIn();
    const { ssh } = fixture().services;
    await control('/proxy/host', { host: HOSTILE_HOST });
    try {
      await Promise.resolve(vscode.commands.executeCommand('remoteit.connectProxy', ssh.id, { hostIp: '255.255.255.255' })).catch(() => undefined);
      const c = a.connection(ssh.id);
      // Either the answer is refused where it enters, or Open refuses to write it: both leave the file clean.
      if (c?.proxy) {
        assert.ok(c.proxy.host.includes('\n'), 'the hostile host reached the open path, so Open is what is tested');
        await Promise.resolve(vscode.commands.executeCommand('remoteit.open', ssh.id)).catch(() => undefined);
      } else {
        assert.notEqual(c?.state, 'ready', 'refused where it entered: no ready connection carries that host');
      }
    } finally {
      await control('/proxy/host', {});
    }
    const file = a.sshIncludeFile();
    const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    assert.doesNotMatch(text, /proxy\.example|ProxyCommand|Host \*/);
    assertOnlyManagedBlocks(text);
    assert.equal(fs.existsSync('/tmp/remoteit-pwned'), false);
  });

  it('two windows opening SSH services at the same time: both Host blocks, one Include, the config keeps its mode', async () => {
    const a = await signIn();
    const f = fixture();
    const config = userSshConfig();
    const mine = '# my own settings\nHost mine\n  User me\n';
    fs.writeFileSync(config, mine);
    fs.chmodSync(config, 0o640);
    await vscode.commands.executeCommand('remoteit.connect', f.services.ssh.id);
    await waitFor(a, f.services.ssh.id, inState('ready'), 'SSH service ready');

    // The other window: its own writer (own queue, same files, same lock file), opening services meanwhile.
    const otherWindow = new SshConfigWriter(a.sshIncludeFile(), () => config);
    const others = ['80:00:00:00:01:00:0C:C2', '80:00:00:00:01:00:0C:C3', '80:00:00:00:01:00:0C:C4'].map(sshAlias);
    await Promise.all([
      vscode.commands.executeCommand('remoteit.open', f.services.ssh.id),
      ...others.map((alias, i) => otherWindow.upsert({ alias, port: 40000 + i, user: 'pi' }, OWN_ACCOUNT)),
    ]);
    try {
      const include = fs.readFileSync(a.sshIncludeFile(), 'utf8');
      assertOnlyManagedBlocks(include);
      const aliases = readIncludeFile(include).map((h) => h.alias);
      for (const alias of [sshAlias(f.services.ssh.id), ...others]) assert.ok(aliases.includes(alias), `${alias} in ${aliases.join(', ')}`);
      const userText = fs.readFileSync(config, 'utf8');
      const includeLines = userText.split('\n').filter((l) => /^\s*Include\s/i.test(l));
      assert.equal(includeLines.filter((l) => l.includes(a.sshIncludeFile())).length, 1, 'one Include of the managed hosts');
      assert.equal(new Set(includeLines).size, includeLines.length, `no Include twice: ${includeLines.join(' | ')}`);
      assert.ok(userText.endsWith(mine), 'the user\'s lines kept as they were');
      assert.equal(fs.statSync(config).mode & 0o777, 0o640, 'mode kept');
      assert.equal(fs.existsSync(`${a.sshIncludeFile()}.lock`), false, 'the lock is released');
    } finally {
      await otherWindow.retainListed(OWN_ACCOUNT, [sshAlias(f.services.ssh.id)]);
    }
  });
});
