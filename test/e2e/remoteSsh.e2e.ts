// SSH with Remote-SSH installed: a test double of Open Remote - SSH (test/fixtures/remote-ssh-double, no code) sits
// beside the extension, so Open on the Raspberry Pi's SSH service takes the Remote-SSH way instead of the terminal:
// the managed Host block, remote.SSH.remotePlatform for the alias, a folder asked once, and a new window on
// vscode-remote://ssh-remote+<alias><folder>. code-server's web workbench opens that window as a new browser tab
// whose URL keeps only the folder (`?folder=<path>`): the authority is dropped there, so the extension's own log
// line says which remote window it asked for.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { e2eScenario, type E2eContext } from './harness';
import { connectionsStatusBar, EXTENSION_ID, openSignedOutView, signInFromWelcome, waitForConnectedPort } from './remoteit';
import { answerInputBox, clickInlineAction, expandTreeItem, openWorkbench, runCommand, terminalTab, treeItem, waitUntil } from './workbench';
import { repoRoot } from '../../scripts/lib/paths';

const REMOTE_SSH_DOUBLE = path.join(repoRoot, 'test', 'fixtures', 'remote-ssh-double');
const FOLDER_PROMPT = /Folder to open on SSH/;

let port = 0;
/** The folder typed into the prompt: a folder "on the device", which here is this machine behind the sshd. */
let folder = '';
let firstUrl = '';

e2eScenario(
  'remoteSsh',
  (step) => {
    step('signs in and connects the SSH service: "SSH :<port>" in the status bar', async ({ page, server, fixture, screenshot }) => {
      await openWorkbench(page, server.workbenchUrl());
      await openSignedOutView(page);
      await signInFromWelcome(page, fixture.account, fixture.services.ssh.deviceName);
      await expandTreeItem(treeItem(page, fixture.services.ssh.deviceName));
      await clickInlineAction(treeItem(page, fixture.services.ssh.name), 'Connect');
      port = await waitForConnectedPort(page, fixture.services.ssh.name, 60_000, fixture.services.ssh.id);
      await screenshot('connected');
    });

    step('Open asks once for the folder, suggesting the user\'s home on the Linux device', async ({ page, server, fixture, screenshot }) => {
      folder = path.join(server.runDir, 'device home');
      fs.mkdirSync(folder, { recursive: true });
      await connectionsStatusBar(page, fixture.services.ssh.id).locator('.statusbar-item-label').click();
      const input = page.locator('.quick-input-widget input.input').first();
      const title = page.locator('.quick-input-widget .quick-input-title');
      const terminal = terminalTab(page, `ssh ${fixture.services.ssh.name}`);
      await waitUntil(
        async () => (await terminal.isVisible()) || ((await input.isVisible()) && FOLDER_PROMPT.test((await title.textContent()) ?? '')),
        'the folder prompt (or the ssh terminal of the no-Remote-SSH way)',
      );
      assert.equal(await terminal.isVisible(), false, 'Open took the terminal way: the extension did not see the Remote-SSH double');
      const home = fixture.services.ssh.user === 'root' ? '/root' : `/home/${fixture.services.ssh.user}`;
      assert.equal(await input.inputValue(), home, "the prompt suggests the SSH user's home on a Linux device");
      await screenshot('folder-prompt');
    });

    step('the answer opens a new window on that folder; the extension asked for ssh-remote+<alias> on it', async ({ page, browser, server, fixture, log, screenshot }) => {
      const opened = browser.waitForEvent('page', { timeout: 30_000 });
      await answerInputBox(page, FOLDER_PROMPT, folder);
      const tab = await opened;
      firstUrl = tab.url();
      log(`new window: ${firstUrl}`);
      assertFolderWindow(firstUrl, server.url, folder);
      await showsFolder(tab, folder);
      await screenshot('new-window', { page: tab });
      await waitUntil(async () => remoteWindowsAsked(server.runDir, fixture.services.ssh.id) === 1, `"${remoteWindowLine(fixture.services.ssh.id)}" in the remote.it log`);
      // Back to the first tab, as the user would.
      await page.bringToFront();
    });

    step('the managed Host block points at 127.0.0.1 and the connection\'s port, and the ssh config includes it', async ({ server, fixture }) => {
      const alias = aliasOf(fixture.services.ssh.id);
      // The user's ssh config (the fixture's remoteit.ssh.configFile) reaches the Host through one of its Include lines.
      const userConfig = fs.readFileSync(path.join(server.runDir, 'ssh_config'), 'utf8');
      const included = [...userConfig.matchAll(/^Include\s+"?([^"\n]+?)"?\s*$/gm)].map((m) => fs.readFileSync(m[1]!, 'utf8'));
      const hosts = included.find((text) => new RegExp(`^Host ${alias}$`, 'm').test(text));
      assert.ok(hosts, `a file the ssh config includes has "Host ${alias}":\n${userConfig}`);
      const block = new RegExp(`^Host ${alias}\\n((?:[ \\t]+.*\\n?)*)`, 'm').exec(hosts)?.[1] ?? '';
      assert.match(block, /^\s+HostName 127\.0\.0\.1$/m, `Host ${alias} has HostName 127.0.0.1:\n${hosts}`);
      assert.match(block, new RegExp(`^\\s+Port ${port}$`, 'm'), `Host ${alias} has Port ${port}:\n${hosts}`);
      assert.match(block, new RegExp(`^\\s+User ${fixture.services.ssh.user}$`, 'm'), `Host ${alias} has User ${fixture.services.ssh.user}:\n${hosts}`);
    });

    step('the user settings tell Remote-SSH the device is Linux: remote.SSH.remotePlatform = { <alias>: "linux" }', async ({ server, fixture }) => {
      const settingsFile = path.join(server.runDir, 'user-data', 'User', 'settings.json');
      const settings = JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as Record<string, unknown>;
      assert.deepEqual(settings['remote.SSH.remotePlatform'], { [aliasOf(fixture.services.ssh.id)]: 'linux' }, `${settingsFile}`);
    });

    step('no error notification appeared', async (ctx) => {
      await assertNoErrorNotification(ctx);
    });

    step('Open again asks no folder and opens the same window address', async ({ page, browser, server, fixture, screenshot }) => {
      const opened = browser.waitForEvent('page', { timeout: 30_000 });
      await connectionsStatusBar(page, fixture.services.ssh.id).locator('.statusbar-item-label').click();
      const asked = page.locator('.quick-input-widget input.input').first().waitFor({ state: 'visible', timeout: 30_000 }).then(
        () => 'asked' as const,
        () => new Promise<never>(() => undefined), // no prompt: the new window wins the race
      );
      const outcome = await Promise.race([opened, asked]).catch((err: unknown) => {
        throw new Error(`${String(err)}; the remote.it log asked for ${remoteWindowsAsked(server.runDir, fixture.services.ssh.id)} Remote-SSH window(s) so far`);
      });
      assert.notEqual(outcome, 'asked', 'Open asked again although the folder was remembered');
      const tab = outcome as Page;
      assert.equal(tab.url(), firstUrl, 'the second window has the address of the first');
      await showsFolder(tab, folder);
      await screenshot('second-window', { page: tab });
      await waitUntil(async () => remoteWindowsAsked(server.runDir, fixture.services.ssh.id) === 2, `"${remoteWindowLine(fixture.services.ssh.id)}" a second time in the remote.it log`);
      await page.bringToFront();
    });

    step('still no error notification', async (ctx) => {
      await assertNoErrorNotification(ctx);
    });
  },
  { extensions: [REMOTE_SSH_DOUBLE] },
);

/** The managed Host name of a service: "remoteit-" and its address in lower case with dashes. */
function aliasOf(serviceId: string): string {
  return `remoteit-${serviceId.toLowerCase().replace(/:/g, '-')}`;
}

/** Remote-SSH's remote authority for a service (VS Code lower-cases authorities). */
function authorityOf(serviceId: string): string {
  return `ssh-remote+${aliasOf(serviceId)}`;
}

/** code-server opens a folder window at <server>/?folder=<path>. */
function assertFolderWindow(url: string, serverUrl: string, expected: string): void {
  const parsed = new URL(url);
  assert.equal(parsed.origin, serverUrl, `the new window is served by this code-server: ${url}`);
  assert.equal(parsed.searchParams.get('folder'), expected, `the new window opens the folder typed: ${url}`);
}

/** Waits until the window's workbench has loaded on `folder` (its title names the folder). */
async function showsFolder(tab: Page, expected: string): Promise<void> {
  await tab.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: 60_000 });
  await waitUntil(async () => (await tab.title()).includes(path.basename(expected)), `the new window's title to name "${path.basename(expected)}"`, 60_000);
}

/** The line the extension logs when it asks VS Code for the Remote-SSH window on the folder. */
function remoteWindowLine(serviceId: string): string {
  return `Opening a Remote-SSH window on vscode-remote://${authorityOf(serviceId)}${folder}`;
}

/** How many times the extension asked for the Remote-SSH window on the folder, by its log. */
function remoteWindowsAsked(runDir: string, serviceId: string): number {
  const line = remoteWindowLine(serviceId);
  return remoteitLog(runDir)
    .split('\n')
    .filter((l) => l.endsWith(line))
    .length;
}

/** Every extension host's remote.it log on the server, concatenated. */
function remoteitLog(runDir: string): string {
  const root = path.join(runDir, 'user-data', 'logs');
  return fs
    .readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith(path.join(EXTENSION_ID, 'remote.it.log')))
    .map((f) => fs.readFileSync(path.join(root, f), 'utf8'))
    .join('\n');
}

/** Opens the notification center (it keeps toasts that have hidden themselves) and fails on any error in it. */
async function assertNoErrorNotification({ page, log, screenshot }: E2eContext): Promise<void> {
  await runCommand(page, 'Notifications: Show Notifications');
  const center = page.locator('.notifications-center');
  await center.waitFor({ state: 'visible', timeout: 30_000 });
  const items = center.locator('.notification-list-item');
  const texts = (await items.allTextContents()).map((t) => t.trim());
  log(`notifications: ${texts.length === 0 ? 'none' : texts.join(' | ')}`);
  await screenshot('notifications');
  const errors = await items.filter({ has: page.locator('.codicon-error') }).allTextContents();
  await page.keyboard.press('Escape');
  await center.waitFor({ state: 'hidden', timeout: 30_000 });
  assert.deepEqual(errors, [], 'error notifications');
}
