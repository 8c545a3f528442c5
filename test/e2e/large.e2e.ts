// A 10,000-device account (3 services each): sign in, the view counts the devices and lists the first 500, its last
// row showing 500 more on a click; sorted online first, a device that goes offline leaves the top at the next
// refresh; "Filter Devices…" from the palette narrows to one device (far past the first page) as the name is typed;
// expanding it shows its 3 services; resting the pointer on it shows its tooltip (asked for only then, not sent
// with every redraw). How long loading and filtering took is printed, not asserted (a loaded 2-core machine varies
// a lot).
import * as assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { e2eScenario } from './harness';
import { startLargeWorld, type LargeWorldFixture } from './largeWorld';
import { deviceTreeRows, devicesDescription, devicesView, openSignedOutView, rowDescription, signInButton } from './remoteit';
import { answerInputBox, expandTreeItem, hoverShowing, movePointerAway, openWorkbench, pickQuickPickItem, runCommand, treeItem, waitUntil } from './workbench';

const DEVICES = 10_000;
const SERVICES_PER_DEVICE = 3;
const SAMPLE_NAME = 'Device 04242';
/** Generated devices are named by their 1-based number, zero-padded. */
const SAMPLE_INDEX = 4241;
const PAGE = 500;

/** A rendered tree row's 1-based position among its siblings; undefined when the row is not rendered (out of sight). */
async function positionOf(row: Locator): Promise<number | undefined> {
  if ((await row.count()) === 0) return undefined;
  return Number(await row.getAttribute('aria-posinset'));
}

e2eScenario<LargeWorldFixture>(
  'large',
  (step) => {
    step(`signs in; the view counts "${DEVICES} devices" and renders rows`, async ({ page, server, fixture, log, screenshot }) => {
      await openWorkbench(page, server.workbenchUrl());
      await openSignedOutView(page);
      await signInButton(page).click();
      await answerInputBox(page, /email/i, fixture.account.email);
      await answerInputBox(page, /password/i, fixture.account.password);
      const submitted = Date.now();
      const first = treeItem(page, fixture.firstDeviceName);
      await first.waitFor({ timeout: 120_000 });
      const firstRowMs = Date.now() - submitted;
      await waitUntil(async () => (await devicesDescription(page)).startsWith(`${fixture.devices} devices`), `"${fixture.devices} devices" on the Devices view`, 120_000);
      log(`load: first row ${firstRowMs} ms, "${fixture.devices} devices" ${Date.now() - submitted} ms after the password was entered`);
      // The tree renders only the rows in sight; each row knows how many siblings it has.
      assert.equal(await first.getAttribute('aria-setsize'), String(PAGE + 1), `the view lists ${PAGE} devices and a last row to show more`);
      assert.ok((await deviceTreeRows(page).count()) > 10, 'a screenful of rows is rendered');
      const header = devicesView(page).locator('.pane-header').first();
      log(`Devices section: "${await header.getAttribute('aria-label')}"; description shown on screen: ${await header.locator('.description').isVisible()}`);
      await screenshot('large-account');
    });

    step(`the last row shows ${PAGE} more devices on a click`, async ({ page, fixture, screenshot }) => {
      const more = treeItem(page, `Show ${PAGE} more devices`);
      await devicesView(page).locator('.monaco-list').first().focus();
      await page.keyboard.press('End');
      await more.waitFor({ timeout: 30_000 });
      assert.equal(await more.getAttribute('aria-posinset'), String(PAGE + 1), 'it is the last row');
      assert.equal(await rowDescription(more), `${fixture.devices - PAGE} not shown`);
      await screenshot('show-more');
      await more.click();
      // The new rows take the place of the clicked row, which moves to the end of the list.
      await treeItem(page, `Device ${String(PAGE + 1).padStart(5, '0')}`).waitFor({ timeout: 30_000 });
      await movePointerAway(page);
      await devicesView(page).locator('.monaco-list').first().focus();
      await page.keyboard.press('End');
      await waitUntil(async () => (await positionOf(more)) === 2 * PAGE + 1, `the last row after ${2 * PAGE} devices`);
      assert.equal(await rowDescription(more), `${fixture.devices - 2 * PAGE} not shown`);
      assert.equal(await treeItem(page, `Device ${String(2 * PAGE).padStart(5, '0')}`).getAttribute('aria-posinset'), String(2 * PAGE), 'the next page is listed in order');
      assert.ok((await devicesDescription(page)).startsWith(`${fixture.devices} devices`), 'the view still counts every device');
    });

    step('sorted online first, a device remote.it reports offline moves from the top to beyond the listed devices at the next refresh', async ({ page, fixture, screenshot }) => {
      await runCommand(page, 'remote.it: Sort Devices…');
      await pickQuickPickItem(page, 'Online first');
      await waitUntil(async () => (await devicesDescription(page)).includes('sorted by online first'), '"sorted by online first" on the Devices view');
      const first = treeItem(page, fixture.firstDevice.name);
      await devicesView(page).locator('.monaco-list').first().focus();
      await page.keyboard.press('Home');
      await waitUntil(async () => (await positionOf(first)) === 1, `${fixture.firstDevice.name} first`);
      fixture.takeOffline(fixture.firstDevice.id);
      await runCommand(page, 'remote.it: Refresh Devices');
      const second = treeItem(page, fixture.secondDeviceName);
      await waitUntil(async () => (await positionOf(second)) === 1, `${fixture.secondDeviceName} first once ${fixture.firstDevice.name} is offline`, 60_000);
      assert.equal(await positionOf(first), undefined, `${fixture.firstDevice.name} (offline) is no longer at the top`);
      assert.ok((await devicesDescription(page)).startsWith(`${fixture.devices} devices · sorted by online first`), 'the view still counts every device');
      await screenshot('online-first');
    });

    step(`palette "remote.it: Filter Devices…", typing "${SAMPLE_NAME}" leaves only that device`, async ({ page, fixture, log, screenshot }) => {
      assert.equal(fixture.sample.name, SAMPLE_NAME);
      await runCommand(page, 'remote.it: Filter Devices…');
      const box = page.locator('.quick-input-widget input.input').first();
      await waitUntil(async () => ((await page.locator('.quick-input-widget .quick-input-title').textContent()) ?? '').includes('Filter remote.it devices'), 'the filter box');
      await box.focus();
      const typing = Date.now();
      await page.keyboard.type(fixture.sample.name);
      const typedMs = Date.now() - typing;
      await waitUntil(async () => (await deviceTreeRows(page).count()) === 1, 'a single device row');
      log(`filter: typing took ${typedMs} ms, one row left ${Date.now() - typing} ms after the first key`);
      await treeItem(page, fixture.sample.name).waitFor({ timeout: 30_000 });
      await page.keyboard.press('Enter');
      await waitUntil(async () => (await devicesDescription(page)).startsWith(`1 of ${fixture.devices} · `), `"1 of ${fixture.devices}" on the Devices view`);
      assert.ok((await devicesDescription(page)).includes(fixture.sample.name), 'the description names the filter');
      await screenshot('filtered');
    });

    step(`expanding it shows its ${SERVICES_PER_DEVICE} services`, async ({ page, fixture, screenshot }) => {
      await expandTreeItem(treeItem(page, fixture.sample.name));
      const services = devicesView(page).locator('.monaco-list-row[role="treeitem"][aria-level="2"]');
      await waitUntil(async () => (await services.count()) === SERVICES_PER_DEVICE, `${SERVICES_PER_DEVICE} service rows`);
      const names = await services.locator('.label-name').allTextContents();
      assert.deepEqual(names.map((n) => n.trim()), fixture.sample.services);
      await screenshot('expanded');
    });

    step('resting the pointer on it shows its tooltip: name, address, services', async ({ page, fixture, screenshot }) => {
      const hover = await hoverShowing(page, treeItem(page, fixture.sample.name).locator('.label-name').first(), 'Address:');
      const text = (await hover.textContent()) ?? '';
      for (const expected of [fixture.sample.name, `Address: ${fixture.sample.id}`, `Services: ${SERVICES_PER_DEVICE}`]) {
        assert.ok(text.includes(expected), `the tooltip says "${expected}"; it says "${text}"`);
      }
      await screenshot('device-tooltip');
    });
  },
  { world: (runDir) => startLargeWorld(runDir, DEVICES, SERVICES_PER_DEVICE, SAMPLE_INDEX) },
);
