import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import * as vscode from 'vscode';
import { allCommandLines, answerDialogs, fixture, httpGet, inState, restoreRunnerSettings, setSetting, signIn, waitFor } from './support';

const run = promisify(execFile);

describe('connecting services through connectd', () => {
  afterEach(() => vscode.commands.executeCommand('remoteit.disconnectAll'));

  it('connects an HTTP service: ready only once the proxy answers, then serves the page', async () => {
    const a = await signIn();
    const { http } = fixture().services;
    await vscode.commands.executeCommand('remoteit.connect', http.id);
    const ready = await waitFor(a, http.id, inState('ready'), 'HTTP service ready');
    assert.ok(ready.port && ready.port >= 33000 && ready.port <= 42999, `port ${ready.port} in the default range`);
    assert.match(await httpGet(ready.port!), new RegExp(http.expectBody));
  });

  it('says "Connected <device> <service> on 127.0.0.1:PORT" once, with Open, only when remoteit.notifications.connected is on', async () => {
    const a = await signIn();
    const { http } = fixture().services;
    const connected: { message: string; buttons: string[] }[] = [];
    const dialogs = answerDialogs((message, buttons) => {
      if (message.includes('Connected')) connected.push({ message, buttons });
      return undefined;
    });
    try {
      await setSetting('notifications.connected', true);
      await vscode.commands.executeCommand('remoteit.connect', http.id);
      const ready = await waitFor(a, http.id, inState('ready'), 'ready with the notification on');
      // Later events of a ready connection (throughput, clients) must not repeat it.
      await new Promise((r) => setTimeout(r, 1500));
      assert.deepEqual(connected, [{ message: `remote.it: Connected ${http.deviceName} ${http.name} on 127.0.0.1:${ready.port}`, buttons: ['Open'] }]);

      await vscode.commands.executeCommand('remoteit.disconnect', http.id);
      await waitFor(a, http.id, inState('idle'), 'idle');
      await setSetting('notifications.connected', false);
      await vscode.commands.executeCommand('remoteit.connect', http.id);
      await waitFor(a, http.id, inState('ready'), 'ready with the notification off');
      await new Promise((r) => setTimeout(r, 1500));
      assert.equal(connected.length, 1, 'no notification with the setting off (the status bar says it)');
    } finally {
      dialogs.restore();
      await restoreRunnerSettings('notifications.connected');
    }
  });

  it('never puts the auth hash or password on a command line, and removes the provisioning file', async () => {
    const a = await signIn();
    const f = fixture();
    await vscode.commands.executeCommand('remoteit.connect', f.services.http.id);
    await waitFor(a, f.services.http.id, inState('ready'), 'ready');
    const lines = allCommandLines();
    assert.ok(lines.some((l) => l.includes('connectd')), 'a connectd process is running');
    for (const secret of [f.account.authHash, f.account.password]) {
      assert.ok(!lines.some((l) => l.toLowerCase().includes(secret.toLowerCase())), 'secret visible in a process command line');
    }
    const fileArg = lines.find((l) => l.includes('connectd') && l.includes(' -f '))?.split(' -f ')[1]?.split(' ')[0];
    assert.ok(fileArg, 'connectd was started with -f <provisioning file>');
    assert.equal(fs.existsSync(fileArg), false, 'provisioning file removed after connectd read it');
  });

  it('disconnect stops the process and the connection', async () => {
    const a = await signIn();
    const { http } = fixture().services;
    await vscode.commands.executeCommand('remoteit.connect', http.id);
    const ready = await waitFor(a, http.id, inState('ready'), 'ready');
    await vscode.commands.executeCommand('remoteit.disconnect', http.id);
    await waitFor(a, http.id, inState('idle'), 'idle after disconnect');
    assert.ok(ready.pid);
    assert.throws(() => process.kill(ready.pid!, 0), 'connectd process gone');
  });

  it('runs ssh through the proxy to a real sshd, using the managed Host alias', async () => {
    const a = await signIn();
    const f = fixture();
    await vscode.commands.executeCommand('remoteit.connect', f.services.ssh.id);
    const ready = await waitFor(a, f.services.ssh.id, inState('ready'), 'SSH service ready');
    const direct = await run('ssh', [
      '-p', String(ready.port), '-i', f.sshClientKey, '-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=no',
      '-o', 'UserKnownHostsFile=/dev/null', `${f.services.ssh.user}@127.0.0.1`, 'echo', 'ok',
    ]);
    assert.equal(direct.stdout.trim(), 'ok');

    // "Open" writes the managed Host block (HostKeyAlias per service) and, without Remote-SSH, opens a terminal.
    await vscode.commands.executeCommand('remoteit.open', f.services.ssh.id);
    const include = a.sshIncludeFile();
    const config = fs.readFileSync(include, 'utf8');
    const alias = /^Host (remoteit-\S+)$/m.exec(config)?.[1];
    assert.ok(alias, 'a managed Host block exists');
    assert.match(config, new RegExp(`Port ${ready.port}\\b`));
    assert.match(config, /HostKeyAlias remoteit-/);
    const viaAlias = await run('ssh', [
      '-F', include, '-i', f.sshClientKey, '-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=no',
      '-o', 'UserKnownHostsFile=/dev/null', alias, 'echo', 'ok',
    ]);
    assert.equal(viaAlias.stdout.trim(), 'ok');
    assert.ok(vscode.window.terminals.some((t) => t.name.includes(f.services.ssh.name)), 'an ssh terminal was opened');
  });
});
