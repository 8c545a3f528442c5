// What a user sets once per service, from the service's context menu: Set Local Port… (Grafana connects on the
// typed port, the page answers there, and it comes back on that port after a reconnect) and Set Route… "remote.it
// proxy only" (Web Admin connects through the cloud proxy — a cloud item in the status bar — without any connectd
// starting, and again so after a reconnect, the picker marking the choice as current).
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { TestFixture } from '../fixture';
import { freeLoopbackPort } from '../support/freePort';
import { e2eScenario } from './harness';
import { httpGet, isListening } from './localPort';
import { connectdPids, connectionsStatusBar, openSignedOutView, signInFromWelcome, waitForConnectedPort } from './remoteit';
import { answerInputBox, clickInlineAction, dismissNotificationToasts, expandTreeItem, openWorkbench, pickContextMenuItem, pickQuickPickItem, treeItem, waitUntil } from './workbench';

const GRAFANA = { device: 'Lab Server', name: 'Grafana', id: '80:00:00:00:01:00:0B:C2' };
const PROXY_ONLY = 'remote.it proxy only';
let chosenPort = 0;

/** connectd processes of this run (the stand-in, started against this run's emulator). */
/** Disconnect from the row; afterwards the row offers Connect again, and only that (no Open or Disconnect left over). */
async function disconnectRow(page: Page, name: string, serviceId: string): Promise<void> {
  const row = treeItem(page, name);
  await clickInlineAction(row, 'Disconnect');
  await waitUntil(async () => !(await connectionsStatusBar(page, serviceId).isVisible()), `the ${name} status bar item to go`, 60_000);
  let actions: string[] = [];
  await waitUntil(async () => {
    await row.hover();
    actions = (await row.locator('.actions a.action-label').evaluateAll((links) => links.map((a) => a.getAttribute('aria-label') ?? ''))).filter(Boolean);
    return actions.join() === 'Connect';
  }, `the ${name} row to offer only Connect`).catch((err: unknown) => {
    throw new Error(`${String(err)}; its inline actions: ${actions.join(', ')}`);
  });
}

/**
 * Clicks Connect on a row whose route is "proxy only" and waits for its cloud status bar item, watching the
 * process table the whole time: returns every connectd pid seen meanwhile (none is expected).
 */
async function connectThroughProxy(page: Page, fixture: TestFixture): Promise<{ text: string; connectdSeen: number[] }> {
  const seen = new Set<number>();
  const watch = setInterval(() => connectdPids(fixture).forEach((pid) => seen.add(pid)), 50);
  try {
    await clickInlineAction(treeItem(page, fixture.services.http.name), 'Connect');
    const item = connectionsStatusBar(page, fixture.services.http.id);
    await waitUntil(async () => (await item.locator('.codicon-cloud').count()) > 0, 'the Web Admin item with the cloud icon', 60_000);
    // A connectd started by mistake would show up within moments of the click; watch a little past ready.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    return { text: ((await item.textContent()) ?? '').trim(), connectdSeen: [...seen] };
  } finally {
    clearInterval(watch);
  }
}

e2eScenario(
  'preferences',
  (step) => {
    step('signs in', async ({ page, server, fixture }) => {
      await openWorkbench(page, server.workbenchUrl());
      await openSignedOutView(page);
      await signInFromWelcome(page, fixture.account, fixture.services.http.deviceName);
    });

    step('right-click Grafana → Set Local Port… → a free port; Connect: the status bar reads "Grafana :PORT" and the page answers there', async ({ page, fixture, log, screenshot }) => {
      chosenPort = await freeLoopbackPort();
      log(`chose free port ${chosenPort}`);
      await expandTreeItem(treeItem(page, GRAFANA.device));
      await pickContextMenuItem(page, treeItem(page, GRAFANA.name), 'Set Local Port…');
      await answerInputBox(page, /Local port for Grafana/, String(chosenPort));
      await page.locator('.part.statusbar').getByText(`Grafana: local port ${chosenPort}`).waitFor({ timeout: 30_000 });
      await clickInlineAction(treeItem(page, GRAFANA.name), 'Connect');
      const port = await waitForConnectedPort(page, GRAFANA.name, 60_000, GRAFANA.id);
      assert.equal(port, chosenPort, 'the status bar shows the port the user chose');
      const body = await httpGet(chosenPort);
      assert.ok(body.includes(fixture.services.http.expectBody), `127.0.0.1:${chosenPort} serves Grafana's page`);
      // The process probe the route steps rely on sees a peer-to-peer connection's connectd.
      assert.equal(connectdPids(fixture).length, 1, 'one connectd for the peer-to-peer connection');
      await dismissNotificationToasts(page);
      await screenshot('local-port');
    });

    step('the port is remembered: the box shows it again, and Grafana reconnects on it', async ({ page, fixture }) => {
      await disconnectRow(page, GRAFANA.name, GRAFANA.id);
      await waitUntil(async () => !(await isListening(chosenPort)), `nothing listening on ${chosenPort} after Disconnect`);
      await pickContextMenuItem(page, treeItem(page, GRAFANA.name), 'Set Local Port…');
      const box = page.locator('.quick-input-widget input.input').first();
      await waitUntil(async () => (await box.inputValue()) === String(chosenPort), `the box prefilled with ${chosenPort}`);
      await page.keyboard.press('Escape');
      await clickInlineAction(treeItem(page, GRAFANA.name), 'Connect');
      assert.equal(await waitForConnectedPort(page, GRAFANA.name, 60_000, GRAFANA.id), chosenPort, 'the same port after reconnecting');
      assert.ok((await httpGet(chosenPort)).includes(fixture.services.http.expectBody));
      // No connection left: the route steps below check that no connectd runs at all.
      await disconnectRow(page, GRAFANA.name, GRAFANA.id);
      await waitUntil(async () => connectdPids(fixture).length === 0, 'no connectd running after Disconnect', 30_000);
    });

    step('right-click Web Admin → Set Route… → "remote.it proxy only"; Connect: a cloud proxy item, and no connectd starts', async ({ page, fixture, log, screenshot }) => {
      await expandTreeItem(treeItem(page, fixture.services.http.deviceName));
      await pickContextMenuItem(page, treeItem(page, fixture.services.http.name), 'Set Route…');
      await pickQuickPickItem(page, PROXY_ONLY);
      await page.locator('.part.statusbar').getByText(`${fixture.services.http.name}: ${PROXY_ONLY}`).waitFor({ timeout: 30_000 });
      const { text, connectdSeen } = await connectThroughProxy(page, fixture);
      log(`status bar item: "${text}"`);
      assert.deepEqual(connectdSeen, [], 'no connectd process while connecting through the proxy');
      // "Web Admin <proxy address>", not the peer-to-peer form "Web Admin :PORT".
      assert.ok(text.startsWith(`${fixture.services.http.name} `) && !/ :\d+$/.test(text), `the item names the service and the proxy address: "${text}"`);
      await dismissNotificationToasts(page);
      await screenshot('route-proxy');
    });

    step('the route is remembered: after a reconnect it is the proxy again, and Set Route… marks it as current', async ({ page, fixture, screenshot }) => {
      await disconnectRow(page, fixture.services.http.name, fixture.services.http.id);
      const { connectdSeen } = await connectThroughProxy(page, fixture);
      assert.deepEqual(connectdSeen, [], 'no connectd after reconnecting either');
      await dismissNotificationToasts(page);
      const routeMessage = page.locator('.part.statusbar').getByText(`${fixture.services.http.name}: ${PROXY_ONLY}`);
      await routeMessage.waitFor({ state: 'hidden', timeout: 30_000 }); // the first choice's message, gone before the second
      await pickContextMenuItem(page, treeItem(page, fixture.services.http.name), 'Set Route…');
      const current = page.locator(`.quick-input-widget .monaco-list-row[role="option"][aria-label^="${PROXY_ONLY}"]`).first();
      await waitUntil(async () => ((await current.textContent()) ?? '').includes('current'), `"${PROXY_ONLY}" marked as current`);
      // The picker opens on the current choice, so Enter keeps it rather than switching back to Automatic.
      await waitUntil(async () => ((await current.getAttribute('class')) ?? '').split(' ').includes('focused'), `"${PROXY_ONLY}" highlighted`);
      await screenshot('set-route', { readme: true });
      await page.keyboard.press('Enter');
      await routeMessage.waitFor({ timeout: 30_000 });
    });
  },
  { settings: { 'terminal.integrated.gpuAcceleration': 'off' } },
);
