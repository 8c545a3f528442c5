// SSH without Remote-SSH: connect the Raspberry Pi's SSH service from the tree, click the status bar item, and the
// extension opens a terminal running ssh against its managed Host alias. The real sshd behind the service answers
// through connectd's local port and lets the demo's key in (remoteit.ssh.options names it, and a known_hosts of the
// run, so nothing is written to ~/.ssh). Then Disconnect inline.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { e2eScenario } from './harness';
import { isListening } from './localPort';
import { connectionsStatusBar, openSignedOutView, signInFromWelcome, waitForConnectedPort } from './remoteit';
import { activeTerminalName, clickInlineAction, dismissNotificationToasts, expandTreeItem, openWorkbench, runCommand, terminalTab, terminalText, treeItem, waitUntil } from './workbench';

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

    step("the terminal's ssh logs in to the device's real sshd with the demo key; its host key goes to the run's own known_hosts", async ({ page, fixture, log, screenshot }) => {
      // The fixture's remoteit.ssh.options: its client key, and a known_hosts of this run (never ~/.ssh/known_hosts).
      const knownHosts = path.join(path.dirname(fixture.outputDir), 'known_hosts');
      // The "Install Remote - SSH" toast covers the panel: closed before typing, while nothing else arrives.
      await dismissNotificationToasts(page);
      await page.locator('.terminal-wrapper.active .xterm').click();
      await page.keyboard.type('echo "logged in as $(whoami): $((6*7))"');
      await page.keyboard.press('Enter');
      let text = '';
      await waitUntil(async () => (text = await terminalText(page)).includes(`logged in as ${fixture.services.ssh.user}: 42`), 'the remote shell to answer');
      log(`terminal: ${text.replace(/\s+/g, ' ').trim()}`);
      assert.match(fs.readFileSync(knownHosts, 'utf8'), /^remoteit-[0-9a-f-]+ ssh-ed25519 /m, 'the host key is recorded under the managed alias in the private known_hosts');
      await screenshot('ssh-logged-in', { readme: true });
      await page.keyboard.type('exit');
      await page.keyboard.press('Enter');
    });

    step("code-server forwards connectd's port without a notification (\"Your application running on port … is available\")", async ({ page, log }) => {
      await runCommand(page, 'Notifications: Show Notifications');
      const center = page.locator('.notifications-center');
      await center.waitFor({ state: 'visible', timeout: 30_000 });
      const texts = (await center.locator('.notification-list-item').allTextContents()).map((t) => t.trim());
      log(`notifications: ${texts.length === 0 ? 'none' : texts.join(' | ')}`);
      await page.keyboard.press('Escape');
      assert.ok(!texts.some((t) => t.includes(`port ${port} is available`)), `no port notification for the SSH service: ${texts.join(' | ')}`);
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
