// The skeleton user journey in the real UI: sign in → expand a device → connect its HTTP service → read the
// port from the status bar → fetch the page through it → click the status bar item → disconnect.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { e2eScenario } from './harness';
import { httpGet } from './localPort';
import {
  activeTerminalName,
  answerInputBox,
  clickInlineAction,
  expandTreeItem,
  openViewContainer,
  openWorkbench,
  runCommand,
  sidebar,
  terminalText,
  treeItem,
  waitUntil,
} from './workbench';
import { connectionsStatusBar, waitForConnectedPort } from './remoteit';

let port = 0;

e2eScenario('connect', (step) => {
  step('the remote.it view opens signed out, offering Sign in', async ({ page, server, screenshot }) => {
    await openWorkbench(page, server.workbenchUrl());
    await openViewContainer(page, 'remote.it');
    const title = (await sidebar(page).locator('.composite.title').textContent()) ?? '';
    assert.match(title.toUpperCase(), /REMOTE\.IT: DEVICES/);
    await sidebar(page).getByRole('button', { name: 'Sign in', exact: true }).waitFor({ timeout: 60_000 });
    await screenshot('signed-out');
  });

  step('signs in with email, then password in a password field', async ({ page, fixture }) => {
    await sidebar(page).getByRole('button', { name: 'Sign in', exact: true }).click();
    const email = await answerInputBox(page, /email/i, fixture.account.email);
    assert.equal(email.isPassword, false, 'the email box is a plain text field');
    const password = await answerInputBox(page, /password/i, fixture.account.password);
    assert.equal(password.isPassword, true, 'the password box hides what is typed');
    await treeItem(page, fixture.services.http.deviceName).waitFor({ timeout: 60_000 });
  });

  step('expanding a device lists its services', async ({ page, fixture, screenshot }) => {
    await expandTreeItem(treeItem(page, fixture.services.http.deviceName));
    await treeItem(page, fixture.services.http.name).waitFor({ timeout: 30_000 });
    await treeItem(page, fixture.services.ssh.name).waitFor({ timeout: 30_000 });
    await screenshot('devices');
  });

  step('Connect on the HTTP service shows its own "<service> :<port>" status bar item', async ({ page, fixture, screenshot }) => {
    await clickInlineAction(treeItem(page, fixture.services.http.name), 'Connect');
    port = await waitForConnectedPort(page, fixture.services.http.name, 60_000, fixture.services.http.id);
    const row = treeItem(page, fixture.services.http.name);
    await waitUntil(async () => ((await row.textContent()) ?? '').includes(`127.0.0.1:${port}`), 'the row to show the local address');
    assert.equal(await page.locator('.notification-toast').filter({ hasText: 'is connected' }).count(), 0, 'no success toast: the status bar says it');
    await row.hover();
    await screenshot('connected', { readme: true });
  });

  step('the page behind the service is served on that local port', async ({ fixture }) => {
    const body = await httpGet(port);
    assert.ok(body.includes(fixture.services.http.expectBody), `page through 127.0.0.1:${port} contains "${fixture.services.http.expectBody}"`);
  });

  step("the connection's task terminal is quiet: the panel stays closed; shown, it tells the story without connectd's status lines", async ({ page, fixture, screenshot }) => {
    assert.equal(await page.locator('.part.panel').isVisible(), false, 'connecting did not open the panel');
    await runCommand(page, 'Terminal: Focus Terminal');
    const label = `${fixture.services.http.deviceName} – ${fixture.services.http.name}`;
    await waitUntil(async () => (await activeTerminalName(page)).includes(label), `the task terminal "${label}"`);
    await waitUntil(async () => (await terminalText(page)).includes(`remote.it: connected on 127.0.0.1:${port}`), 'the ready line in the task terminal');
    const text = await terminalText(page);
    assert.doesNotMatch(text, /!!status|!!throughput|seconds since startup/, 'connectd status lines stay in the log');
    await screenshot('task-terminal');
    await runCommand(page, 'View: Hide Panel');
    await waitUntil(async () => !(await page.locator('.part.panel').isVisible()), 'the panel to hide');
  });

  step('clicking the status bar item opens the page in a new browser tab', async ({ page, browser, fixture, log, screenshot }) => {
    const opened = browser.waitForEvent('page', { timeout: 30_000 });
    await connectionsStatusBar(page, fixture.services.http.id).locator('.statusbar-item-label').click();
    const outcome = await Promise.race([
      opened.then((p) => ({ kind: 'page' as const, page: p })),
      openDialog(page).then(() => ({ kind: 'dialog' as const })),
    ]);
    let tab: Page;
    if (outcome.kind === 'dialog') {
      // VS Code's link protection asks before opening an address it does not trust yet.
      log('VS Code asked to confirm opening the external address; choosing Open');
      await screenshot('open-confirmation');
      await page.locator('.monaco-dialog-box').getByRole('button', { name: 'Open', exact: true }).click();
      tab = await opened;
    } else {
      tab = outcome.page;
    }
    await tab.waitForLoadState('domcontentloaded');
    log(`opened ${tab.url()}`);
    await waitUntil(async () => (await tab.content()).includes(fixture.services.http.expectBody), 'the service page in the new tab');
    await screenshot('opened-page', { page: tab });
    await tab.close();
  });

  step('Disconnect from the palette removes the status bar item and closes the port', async ({ page, fixture, log }) => {
    const item = connectionsStatusBar(page, fixture.services.http.id);
    await runCommand(page, 'remote.it: Disconnect');
    // With several live connections the command asks which one; with just one it may stop it right away.
    const option = page.locator(`.quick-input-widget .monaco-list-row[role="option"][aria-label*="${fixture.services.http.name}"]`).first();
    await waitUntil(async () => (await option.isVisible()) || !(await item.isVisible()), 'a quick pick of connections or the status bar item to go');
    if (await option.isVisible()) {
      log('Disconnect asked which connection: picking the service');
      await option.click();
    } else {
      log('Disconnect stopped the only connection without asking');
    }
    await waitUntil(async () => !(await item.isVisible()), 'the status bar item to disappear', 60_000);
    await assert.rejects(httpGet(port), `nothing listens on 127.0.0.1:${port} after disconnect`);
  });
},
// The DOM terminal renderer, so the test can read what the task terminal says.
{ settings: { 'terminal.integrated.gpuAcceleration': 'off' } });

/** Resolves when a modal dialog (e.g. "Do you want to open the external website?") appears. */
function openDialog(page: Page): Promise<void> {
  return page.locator('.monaco-dialog-box').waitFor({ timeout: 30_000 }).then(
    () => undefined,
    () => new Promise<void>(() => undefined), // no dialog: let the new tab win the race
  );
}
