// Keep connected across a restart: connect "Web Admin", turn on Keep Connected from its context menu, reload
// the page (a new extension host; the sign-in lives in SecretStorage, which code-server keeps in this browser
// profile) and the status bar shows the same address again without any Connect click, restored by the extension
// itself (its log says so).
import * as assert from 'node:assert/strict';
import { e2eScenario } from './harness';
import { httpGet } from './localPort';
import { connectionsStatusBar, openSignedOutView, savedKeptServices, signInFromWelcome, waitForConnectedPort } from './remoteit';
import { pickContextMenuItem, clickInlineAction, expandTreeItem, openWorkbench, runCommand, treeItem, waitUntil } from './workbench';

let port = 0;

e2eScenario('keep', (step) => {
  step('signs in and connects "Web Admin" from the tree', async ({ page, server, fixture }) => {
    await openWorkbench(page, server.workbenchUrl());
    await openSignedOutView(page);
    await signInFromWelcome(page, fixture.account, fixture.services.http.deviceName);
    await expandTreeItem(treeItem(page, fixture.services.http.deviceName));
    await clickInlineAction(treeItem(page, fixture.services.http.name), 'Connect');
    port = await waitForConnectedPort(page, fixture.services.http.name);
  });

  step('right-click → "Keep Connected" confirms it will reconnect on start', async ({ page, fixture, screenshot }) => {
    await pickContextMenuItem(page, treeItem(page, fixture.services.http.name), 'Keep Connected');
    const message = page.locator('.part.statusbar').getByText(`${fixture.services.http.name} will reconnect when VS Code starts`);
    await message.waitFor({ timeout: 30_000 });
    await screenshot('kept');
    // The message comes before the mark is saved: the workbench writes extension state to IndexedDB about 0.1 s
    // later, and a reload before that loses it. Wait for the saved state itself, not for a guessed delay.
    await waitUntil(async () => (await savedKeptServices(page)).includes(fixture.services.http.id), 'the keep-connected mark in the workbench storage');
  });

  step('after a reload the status bar shows the same address again, without clicking Connect', async ({ page, fixture, log, screenshot }) => {
    const started = Date.now();
    await page.reload();
    await page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: 60_000 });
    const restored = await waitForConnectedPort(page, fixture.services.http.name, 90_000);
    log(`restored ${fixture.services.http.name} on 127.0.0.1:${restored} ${((Date.now() - started) / 1000).toFixed(1)} s after the reload`);
    await screenshot('restored');
    assert.equal(restored, port, 'the restored connection uses the port it had before');
    assert.equal(await connectionsStatusBar(page).isVisible(), true);
  });

  step('the extension restored it itself (its log), and the page is served on that port', async ({ page, fixture, screenshot }) => {
    await runCommand(page, 'remote.it: Show Log');
    const line = `Restoring ${fixture.services.http.name} (keep connected)`;
    // The log has scrolled past that line (connectd's output follows): narrow it with the Output view's filter.
    const filter = page.locator('.part.panel input[placeholder^="Filter"]');
    await filter.waitFor({ timeout: 30_000 });
    const output = page.locator('.part.panel .monaco-editor .view-lines');
    await waitUntil(async () => {
      // The Output view may still be switching to the remote.it channel, which empties its filter: type it again.
      if ((await filter.inputValue()) !== 'Restoring') await filter.fill('Restoring');
      return ((await output.textContent()) ?? '').replace(/\u00a0/g, ' ').includes(line);
    }, `"${line}" in the remote.it log`);
    await screenshot('restore-log');
    const body = await httpGet(port);
    assert.ok(body.includes(fixture.services.http.expectBody), `127.0.0.1:${port} serves the Web Admin page after the reload`);
  });

  step('a window that does not show the remote.it view restores it on startup too', async ({ page, server, fixture, log, screenshot }) => {
    // An empty window opens with no side bar, so nothing shows the Devices view: only the extension's own
    // activation at startup can bring the kept connection back.
    // ew=true: an empty window (code-server does not redirect it to the last folder).
    await page.goto(`${server.url}/?ew=true`);
    await page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: 60_000 });
    try {
      const restored = await waitForConnectedPort(page, fixture.services.http.name, 45_000);
      assert.equal(restored, port, 'the restored connection uses the port it had before');
    } finally {
      log(`screenshot of the empty window: ${await screenshot('empty-window')}`);
    }
  });
});
