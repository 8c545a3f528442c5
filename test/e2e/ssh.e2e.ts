// SSH without Remote-SSH: connect the Raspberry Pi's SSH service from the tree, click the status bar item, and the
// extension opens a terminal running ssh against its managed Host alias. The real sshd behind the service answers
// through connectd's local port: the terminal shows that sshd's own host key fingerprint (the fixture's client key
// is not in ~/.ssh, and nothing is written there: the host key question is answered "no"). Then Disconnect inline.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TestFixture } from '../fixture';
import { e2eScenario } from './harness';
import { isListening } from './localPort';
import { connectionsStatusBar, openSignedOutView, signInFromWelcome, waitForConnectedPort } from './remoteit';
import { activeTerminalName, clickInlineAction, dismissNotificationToasts, expandTreeItem, openWorkbench, terminalTab, terminalText, treeItem, waitUntil } from './workbench';

let port = 0;

e2eScenario(
  'ssh',
  (step) => {
    step('signs in and expands the device with the SSH service', async ({ page, server, fixture }) => {
      await openWorkbench(page, server.workbenchUrl());
      await openSignedOutView(page);
      await signInFromWelcome(page, fixture.account, fixture.services.ssh.deviceName);
      await expandTreeItem(treeItem(page, fixture.services.ssh.deviceName));
      await treeItem(page, fixture.services.ssh.name).waitFor({ timeout: 30_000 });
    });

    step('inline Connect on "SSH" shows "SSH 127.0.0.1:<port>" in the status bar', async ({ page, fixture, screenshot }) => {
      await clickInlineAction(treeItem(page, fixture.services.ssh.name), 'Connect');
      port = await waitForConnectedPort(page, fixture.services.ssh.name);
      await screenshot('ssh-connected');
    });

    step('clicking the status bar item opens a terminal "ssh SSH" (no Remote-SSH in code-server)', async ({ page, fixture, screenshot }) => {
      await connectionsStatusBar(page).locator('.statusbar-item-label').click();
      const name = `ssh ${fixture.services.ssh.name}`;
      await terminalTab(page, name).waitFor({ timeout: 30_000 });
      await waitUntil(async () => (await activeTerminalName(page)) === name, `"${name}" to be the active terminal`);
      await screenshot('ssh-terminal');
    });

    step("the terminal's ssh reaches the device's real sshd: its host key fingerprint is shown", async ({ page, fixture, log, screenshot }) => {
      const fingerprint = hostKeyFingerprint(fixture);
      let text = '';
      await waitUntil(async () => (text = await terminalText(page)).includes(fingerprint), `the sshd host key ${fingerprint} in the terminal`);
      assert.match(text, /Are you sure you want to continue connecting/);
      log(`terminal: ${text.replace(/\s+/g, ' ').trim()}`);
      await dismissNotificationToasts(page);
      await screenshot('ssh-host-key', { readme: true });
      // "no": ssh stops without recording the test sshd in the machine's ~/.ssh/known_hosts.
      await page.locator('.terminal-wrapper.active .xterm').click();
      await page.keyboard.type('no');
      await page.keyboard.press('Enter');
      await waitUntil(async () => (await terminalText(page)).includes('Host key verification failed'), 'ssh to stop at the refused host key');
    });

    step('inline Disconnect on "SSH" removes the status bar item and closes the port', async ({ page, fixture }) => {
      await clickInlineAction(treeItem(page, fixture.services.ssh.name), 'Disconnect');
      await waitUntil(async () => !(await connectionsStatusBar(page).isVisible()), 'the status bar item to disappear', 60_000);
      assert.equal(await isListening(port), false, `nothing listens on 127.0.0.1:${port} after Disconnect`);
    });
  },
  // The DOM renderer keeps the terminal's text in the page (.xterm-rows) instead of a canvas.
  { settings: { 'terminal.integrated.gpuAcceleration': 'off' } },
);

/** SHA256 fingerprint of the fixture sshd's host key (test/support/sshd.ts keeps it next to the client key). */
function hostKeyFingerprint(fixture: TestFixture): string {
  const publicKey = path.join(path.dirname(fixture.sshClientKey), 'hostkey.pub');
  assert.ok(fs.existsSync(publicKey), `${publicKey} exists`);
  const line = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', publicKey], { encoding: 'utf8' });
  const match = /SHA256:\S+/.exec(line);
  assert.ok(match, `ssh-keygen printed a fingerprint: ${line}`);
  return match[0];
}
