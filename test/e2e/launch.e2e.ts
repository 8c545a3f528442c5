// Launching what is connected, and toggles that show their state: the Devices view's online-only toggle flips
// its own button; a database service connects, "Copy Command" puts its psql line on the clipboard (asking the
// user name once) and Open hands its postgresql:// URL to the system; Keep Connected and Stop Keeping Connected
// take turns in the context menu; two peer-to-peer connections and one through the cloud proxy each get their
// own status bar item; a web service opens through code-server's port forwarding (the extension runs on the
// workspace side here); a service of an offline device, connected anyway, fails with one error toast and no
// proxy offer or attempt.
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { e2eScenario } from './harness';
import { connectionsStatusBar, devicesView, openSignedOutView, rowDescription, signInFromWelcome, waitForConnectedPort } from './remoteit';
import { answerInputBox, clickInlineAction, dismissNotificationToasts, expandTreeItem, openWorkbench, pickContextMenuItem, sidebar, treeItem, waitUntil } from './workbench';

const DB = { device: 'Lab Server', name: 'PostgreSQL', id: '80:00:00:00:01:00:0B:C3' };
const GRAFANA = { name: 'Grafana', id: '80:00:00:00:01:00:0B:C2' };
const OFFLINE = { device: 'Cabin Gateway', name: 'SSH', id: '80:00:00:00:01:00:0C:C2' };
let dbPort = 0;
let webPort = 0;

/** The labels of a row's context menu (closed again with Escape). */
async function contextMenuLabels(page: Page, row: Locator): Promise<string[]> {
  await row.click({ button: 'right' });
  // The context menu only, not the menu bar's own menu items.
  const menu = page.locator('.context-view .monaco-menu');
  const items = menu.getByRole('menuitem');
  await items.first().waitFor({ state: 'visible', timeout: 30_000 });
  const labels = (await items.allTextContents()).map((t) => t.trim()).filter(Boolean);
  await page.keyboard.press('Escape');
  await menu.waitFor({ state: 'hidden', timeout: 30_000 });
  return labels;
}

function clipboard(page: Page): Promise<string> {
  return page.evaluate('navigator.clipboard.readText()') as Promise<string>;
}

function titleAction(page: Page, label: string): Locator {
  return sidebar(page).locator(`a.action-label[aria-label^="${label}"]`).first();
}

e2eScenario(
  'launch',
  (step) => {
    step('signs in; the clipboard is readable by the test', async ({ page, browser, server, fixture }) => {
      await browser.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(server.workbenchUrl()).origin });
      await openWorkbench(page, server.workbenchUrl());
      await openSignedOutView(page);
      await signInFromWelcome(page, fixture.account, fixture.services.http.deviceName);
    });

    step('"Show Online Devices Only" hides the offline gateway and becomes "Show All Devices"; and back', async ({ page, screenshot }) => {
      await treeItem(page, OFFLINE.device).waitFor({ timeout: 30_000 });
      await devicesView(page).hover();
      await titleAction(page, 'Show Online Devices Only').click();
      await waitUntil(async () => !(await treeItem(page, OFFLINE.device).isVisible()), 'the offline device to be hidden');
      await devicesView(page).hover();
      await titleAction(page, 'Show All Devices').waitFor({ timeout: 30_000 });
      assert.equal(await titleAction(page, 'Show Online Devices Only').isVisible(), false, 'the toggle shows its state: one button at a time');
      await screenshot('online-only');
      await titleAction(page, 'Show All Devices').click();
      await treeItem(page, OFFLINE.device).waitFor({ timeout: 30_000 });
      await devicesView(page).hover();
      await titleAction(page, 'Show Online Devices Only').waitFor({ timeout: 30_000 });
    });

    step('Connect on the PostgreSQL service gives it a status bar item', async ({ page }) => {
      await expandTreeItem(treeItem(page, DB.device));
      await clickInlineAction(treeItem(page, DB.name), 'Connect');
      dbPort = await waitForConnectedPort(page, DB.name, 60_000, DB.id);
    });

    step('"Copy Command" asks the database user once and copies the psql line for 127.0.0.1:PORT', async ({ page, screenshot }) => {
      await pickContextMenuItem(page, treeItem(page, DB.name), 'Copy Command');
      await answerInputBox(page, /User name for .*PostgreSQL/, 'app');
      const expected = `psql -h 127.0.0.1 -p ${dbPort} -U app`;
      await waitUntil(async () => (await clipboard(page)) === expected, `"${expected}" on the clipboard`);
      await page.locator('.part.statusbar').getByText(`Copied ${expected}`).waitFor({ timeout: 30_000 });
      await screenshot('copy-command', { readme: true });
      // Asked once: the second copy goes straight to the clipboard.
      await page.evaluate('navigator.clipboard.writeText("")');
      await pickContextMenuItem(page, treeItem(page, DB.name), 'Copy Command');
      await waitUntil(async () => (await clipboard(page)) === expected, 'the same command again, without a question');
    });

    step('Keep Connected and Stop Keeping Connected take turns in the context menu', async ({ page }) => {
      const row = treeItem(page, DB.name);
      let labels = await contextMenuLabels(page, row);
      assert.ok(labels.includes('Keep Connected') && !labels.includes('Stop Keeping Connected'), `menu: ${labels.join(', ')}`);
      await pickContextMenuItem(page, row, 'Keep Connected');
      let seen = '';
      await waitUntil(async () => {
        labels = await contextMenuLabels(page, row).catch((err: unknown) => {
          seen = String(err).split('\n')[0];
          return [];
        });
        if (labels.length) seen = labels.join(', ');
        return labels.includes('Stop Keeping Connected') && !labels.includes('Keep Connected');
      }, 'the menu to offer Stop Keeping Connected instead').catch((err: unknown) => {
        throw new Error(`${String(err)}; last seen: ${seen}`);
      });
      await pickContextMenuItem(page, row, 'Stop Keeping Connected');
      await waitUntil(async () => (await contextMenuLabels(page, row)).includes('Keep Connected'), 'Keep Connected back in the menu');
    });

    step('two peer-to-peer connections and one through the cloud proxy: three status bar items', async ({ page, fixture, screenshot }) => {
      await expandTreeItem(treeItem(page, fixture.services.http.deviceName));
      await clickInlineAction(treeItem(page, fixture.services.http.name), 'Connect');
      webPort = await waitForConnectedPort(page, fixture.services.http.name, 60_000, fixture.services.http.id);
      await pickContextMenuItem(page, treeItem(page, GRAFANA.name), 'Connect through remote.it Proxy');
      const proxyItem = connectionsStatusBar(page, GRAFANA.id);
      await waitUntil(async () => (await proxyItem.locator('.codicon-cloud').count()) > 0, 'the Grafana item with the cloud icon', 60_000);
      const texts = (await connectionsStatusBar(page).allTextContents()).map((t) => t.trim());
      assert.equal(texts.length, 3, `three items: ${texts.join(' | ')}`);
      assert.ok(texts.some((t) => t.endsWith(`${DB.name} :${dbPort}`)), `PostgreSQL :${dbPort} in ${texts.join(' | ')}`);
      assert.ok(texts.some((t) => t.endsWith(`${fixture.services.http.name} :${webPort}`)), `Web Admin :${webPort} in ${texts.join(' | ')}`);
      assert.ok(texts.some((t) => t.includes(GRAFANA.name)), `Grafana in ${texts.join(' | ')}`);
      // The picture shows what the user reads once things settle: the Grafana row says it goes through the proxy
      // (the tree follows a moment after the status bar), and the previous step's status message is gone.
      await waitUntil(async () => (await rowDescription(treeItem(page, GRAFANA.name))).startsWith('via remote.it proxy'), 'the Grafana row to say "via remote.it proxy"');
      await page.locator('.part.statusbar').getByText('will no longer reconnect on start').waitFor({ state: 'hidden', timeout: 30_000 });
      await dismissNotificationToasts(page);
      await screenshot('status-bar-items', { readme: true });
    });

    step("a web service opens through code-server's forwarding of the port (the extension runs on the workspace side)", async ({ page, browser, fixture, log }) => {
      const opened = browser.waitForEvent('page', { timeout: 30_000 });
      await connectionsStatusBar(page, fixture.services.http.id).locator('.statusbar-item-label').click();
      const dialog = page.locator('.monaco-dialog-box');
      const tab = await Promise.race([
        opened,
        dialog.waitFor({ timeout: 30_000 }).then(async () => {
          log('VS Code asked to confirm opening the external address; choosing Open');
          await dialog.getByRole('button', { name: 'Open', exact: true }).click();
          return opened;
        }),
      ]);
      await tab.waitForLoadState('domcontentloaded');
      log(`opened ${tab.url()}`);
      assert.match(tab.url(), new RegExp(`/proxy/${webPort}/`), 'the forwarded address, not the server-side 127.0.0.1');
      await waitUntil(async () => (await tab.content()).includes(fixture.services.http.expectBody), 'the Web Admin page in the new tab');
      await tab.close();
    });

    step('a service of an offline device: one error toast, no offer or attempt to use the proxy', async ({ page, fixture, screenshot }) => {
      await dismissNotificationToasts(page);
      // Only the gateway's "SSH" row on screen: the Raspberry Pi has one too.
      const pi = treeItem(page, fixture.services.ssh.deviceName);
      if ((await pi.getAttribute('aria-expanded')) === 'true') await pi.click();
      await expandTreeItem(treeItem(page, OFFLINE.device));
      await clickInlineAction(treeItem(page, OFFLINE.name), 'Connect');
      // Its service is listed as active, but the device is offline: the question comes first.
      const question = page.locator('.notification-toast').filter({ hasText: 'is offline according to remote.it' });
      await question.getByRole('button', { name: 'Connect Anyway' }).click({ timeout: 30_000 });
      const errors = page.locator('.notification-toast').filter({ has: page.locator('.codicon-error') });
      await errors.first().waitFor({ timeout: 90_000 });
      await new Promise((r) => setTimeout(r, 3000));
      assert.equal(await errors.count(), 1, 'one error toast');
      const buttons = (await errors.first().locator('a.monaco-button, .monaco-button').allTextContents()).map((t) => t.trim());
      assert.ok(!buttons.some((b) => /proxy/i.test(b)), `no proxy offer: ${buttons.join(', ')}`);
      assert.equal(await connectionsStatusBar(page, OFFLINE.id).locator('.codicon-cloud').count(), 0, 'no cloud proxy connection for it');
      await screenshot('offline-device-error');
    });
    // Last: after handing a link to another application, headless Chromium stops passing clicks to the workbench.
    step('Open hands postgresql://app@127.0.0.1:PORT to the system (or copies it when nothing takes it)', async ({ page, log }) => {
      await clickInlineAction(treeItem(page, DB.name), 'Open');
      const url = `postgresql://app@127.0.0.1:${dbPort}`;
      const opened = page.locator('.part.statusbar').getByText(`Opened ${url}`);
      const notTaken = page.locator('.notification-toast').filter({ hasText: `no application opened ${url}` });
      const confirm = page.locator('.monaco-dialog-box');
      await waitUntil(async () => {
        // The workbench may ask before handing a link to another application.
        if (await confirm.isVisible()) {
          log(`asked to confirm: ${((await confirm.textContent()) ?? '').trim()}`);
          await confirm.getByRole('button', { name: 'Open', exact: true }).click();
        }
        return (await opened.isVisible()) || (await notTaken.isVisible());
      }, `"${url}" opened or reported`);
      log((await opened.isVisible()) ? `launched ${url}` : `no handler for ${url}: the command was copied`);
    });

  },
  {
    settings: {
      'terminal.integrated.gpuAcceleration': 'off',
      // The view's title buttons (the online-only toggle) show without hovering.
      'workbench.view.alwaysShowHeaderActions': true,
      // The offline device's service gives up after this, instead of the default 45 s.
      'remoteit.connectd.startTimeoutSeconds': 15,
      // code-server forwards every port that starts listening on its side (connectd's too) and says so in a toast
      // of its own, which would cover the README pictures; forwarding itself (the web service's Open) is unchanged.
      'remote.otherPortsAttributes': { onAutoForward: 'silent' },
    },
  },
);
