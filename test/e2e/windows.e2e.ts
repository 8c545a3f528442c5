// Two windows of one VS Code: two workbench pages on one code-server, each with its own extension host, sharing
// the user's storage, files and processes. What the user has after both windows acted:
// - a favourite set in each window: both survive, in both windows;
// - a kept connection, both windows starting at once: one connectd runs it, not two;
// - SSH opened in both windows at the same moment: one Include line in the user's ssh config (its own hosts and
//   its mode kept), and both Host blocks in the managed file.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { DEMO_ACCOUNT, type WorldDevice } from '../emulator';
import type { TestFixture } from '../fixture';
import { startFixtures } from '../support/fixtures';
import { e2eScenario, type E2eWorld } from './harness';
import { httpGet } from './localPort';
import {
  connectdPids,
  connectionsStatusBar,
  EXTENSION_ID,
  openSignedOutView,
  rowDescription,
  savedFavouriteDevices,
  savedKeptServices,
  signInFromWelcome,
  waitForConnectedPort,
} from './remoteit';
import { clickInlineAction, expandTreeItem, openViewContainer, openWorkbench, pickContextMenuItem, terminalTab, treeItem, waitUntil } from './workbench';

interface WindowsFixture extends TestFixture {
  /** The devices favourited, one in each window. */
  favourites: { id: string; name: string }[];
  /** A second online device whose SSH service reaches the same sshd as the demo's "SSH". */
  nasSsh: { id: string; name: string; deviceName: string };
}

const NAS_DEVICE = '80:00:00:00:01:00:0D:C0';
const NAS_SSH = '80:00:00:00:01:00:0D:C2';

/** The demo world, plus a second device with an SSH service, so each window can open a different one. */
async function startWindowsWorld(runDir: string): Promise<E2eWorld<WindowsFixture>> {
  const running = await startFixtures({ runDir });
  try {
    const deviceOf = (serviceId: string) => running.world.devices.find((d) => d.services.some((s) => s.id === serviceId))!;
    const sshTarget = deviceOf(running.fixture.services.ssh.id).services.find((s) => s.id === running.fixture.services.ssh.id)!.target;
    const nas: WorldDevice = {
      id: NAS_DEVICE,
      name: 'Garage NAS',
      state: 'active',
      platform: 1072,
      owner: DEMO_ACCOUNT.email,
      services: [{ id: NAS_SSH, name: 'NAS SSH', application: 28, state: 'active', port: 22, target: sshTarget }],
    };
    const res = await fetch(`${running.fixture.controlUrl}/world/add`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ devices: [nas] }),
    });
    if (!res.ok) throw new Error(`adding the Garage NAS to the emulator: ${res.status} ${await res.text()}`);
    const pi = deviceOf(running.fixture.services.ssh.id);
    const lab = running.world.devices.find((d) => d.name === 'Lab Server')!;
    return {
      ...running,
      fixture: {
        ...running.fixture,
        favourites: [pi, lab].map((d) => ({ id: d.id, name: d.name ?? d.id })),
        nasSsh: { id: NAS_SSH, name: 'NAS SSH', deviceName: 'Garage NAS' },
      },
    };
  } catch (err) {
    await running.close();
    throw err;
  }
}

/** The second window, opened on a folder of its own; the scenario's first page is the first window. */
let second: Page | undefined;
const secondWindow = (): Page => second ?? assert.fail('the second window is not open');
let secondUrl = '';
/** The window that restored the kept connection. */
let keptIn: Page | undefined;

/** connectd processes of this run (the stand-in, started against this run's emulator). */
/**
 * Those of them that run a connection (`connectd -s …`), leaving out the brief `connectd -h` each window runs at
 * its start to read the version banner.
 */
function connectionPids(fixture: TestFixture): number[] {
  return connectdPids(fixture).filter((pid) => {
    try {
      return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes('-s');
    } catch {
      return false; // ended meanwhile
    }
  });
}

/** Each extension host's remote.it log on the server (one per window the server has seen), by file. */
function remoteitLogs(runDir: string): Map<string, string> {
  const logs = new Map<string, string>();
  const root = path.join(runDir, 'user-data', 'logs');
  const files = fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith(path.join(EXTENSION_ID, 'remote.it.log')));
  for (const file of files) logs.set(file, fs.readFileSync(path.join(root, file), 'utf8'));
  return logs;
}

/**
 * Clicks the elements (in different windows) at one instant: each page clicks at an agreed time on the one clock
 * they share. Playwright's own clicks, checked one after the other, land tens of milliseconds apart.
 */
async function clickAtOnce(targets: Locator[]): Promise<void> {
  await Promise.all(targets.map((t) => t.waitFor({ timeout: 30_000 })));
  const at = Date.now() + 1_000;
  await Promise.all(
    targets.map((t) =>
      t.evaluate(
        (element: { click(): void }, when: number) => new Promise<void>((resolve) => setTimeout(() => resolve(element.click()), Math.max(0, when - Date.now()))),
        at,
      ),
    ),
  );
}

/** Waits for both rows to carry the favourite star, and for favourites to come first in the list. */
async function assertFavourites(page: Page, which: string, favourites: { name: string }[]): Promise<void> {
  await openViewContainer(page, 'remote.it');
  for (const { name } of favourites) {
    const row = treeItem(page, name);
    await waitUntil(async () => (await rowDescription(row)).includes('★'), `the ★ on "${name}" in the ${which} window`);
  }
  const deviceRows = page.locator('[id="workbench.view.extension.remoteit"] .monaco-list-row[role="treeitem"][aria-level="1"]');
  const firstTwo = await Promise.all([0, 1].map(async (i) => ((await deviceRows.nth(i).getAttribute('aria-label')) ?? '').trim()));
  for (const { name } of favourites) {
    assert.ok(firstTwo.some((label) => label.startsWith(name)), `"${name}" is among the first two devices in the ${which} window (favourites on top): ${firstTwo.join(' | ')}`);
  }
}

e2eScenario<WindowsFixture>(
  'windows',
  (step) => {
    step('window 1 signs in; window 2 opens on another folder of the same code-server, signed in too', async ({ page, browser, server, fixture, screenshot }) => {
      await openWorkbench(page, server.workbenchUrl());
      await openSignedOutView(page);
      await signInFromWelcome(page, fixture.account, fixture.favourites[0].name);
      const folder = path.join(server.runDir, 'workspace-2');
      fs.mkdirSync(folder, { recursive: true });
      secondUrl = server.workbenchUrl({ folder });
      second = await browser.newPage();
      await openWorkbench(second, secondUrl);
      await openViewContainer(second, 'remote.it');
      await treeItem(second, fixture.favourites[1].name).waitFor({ timeout: 60_000 });
      await screenshot('window-2-signed-in', { page: second });
    });

    step('a favourite set in each window: both are saved, neither window erases the other', async ({ page, fixture, screenshot }) => {
      const [a, b] = fixture.favourites;
      // Window 2 read the (empty) favourites when it started; window 1 then adds one and it is saved.
      await pickContextMenuItem(page, treeItem(page, a.name), 'Add to Favourites');
      await waitUntil(async () => (await rowDescription(treeItem(page, a.name))).includes('★'), `the ★ on "${a.name}" in window 1`);
      await waitUntil(async () => (await savedFavouriteDevices(page)).includes(a.id), `"${a.name}" among the saved favourites`);
      // Now window 2, which has not been reloaded since, adds another.
      const w2 = secondWindow();
      await pickContextMenuItem(w2, treeItem(w2, b.name), 'Add to Favourites');
      await waitUntil(async () => (await rowDescription(treeItem(w2, b.name))).includes('★'), `the ★ on "${b.name}" in window 2`);
      await waitUntil(async () => (await savedFavouriteDevices(w2)).includes(b.id), `"${b.name}" among the saved favourites`);
      assert.deepEqual((await savedFavouriteDevices(w2)).sort(), [a.id, b.id].sort(), "window 2's favourite was added to window 1's, not written over it");
      await screenshot('favourite-window-1');
      await screenshot('favourite-window-2', { page: w2 });
    });

    step('after both windows reload, both devices are favourites (★, on top) in both windows', async ({ page, fixture, screenshot }) => {
      const w2 = secondWindow();
      await Promise.all([page, w2].map((p) => p.reload()));
      await Promise.all([page, w2].map((p) => p.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: 60_000 })));
      await assertFavourites(page, 'first', fixture.favourites);
      await assertFavourites(w2, 'second', fixture.favourites);
      await screenshot('favourites-reloaded-window-1');
      await screenshot('favourites-reloaded-window-2', { page: w2 });
    });

    step('a kept connection, both windows starting at the same time: exactly one connectd runs it', async ({ page, server, fixture, log, screenshot }) => {
      const web = fixture.services.http;
      await expandTreeItem(treeItem(page, web.deviceName));
      await clickInlineAction(treeItem(page, web.name), 'Connect');
      const port = await waitForConnectedPort(page, web.name, 60_000, web.id);
      await pickContextMenuItem(page, treeItem(page, web.name), 'Keep Connected');
      // A reload before the mark is saved would lose it: wait for the saved state itself.
      await waitUntil(async () => (await savedKeptServices(page)).includes(web.id), 'the keep-connected mark in the saved state');

      // Both windows close (their extension hosts stop what they started), then both open at once.
      const w2 = secondWindow();
      await Promise.all([page, w2].map((p) => p.goto('about:blank')));
      await waitUntil(async () => connectdPids(fixture).length === 0, 'every connectd to stop once both windows closed');
      const earlierLogs = new Set(remoteitLogs(server.runDir).keys());
      await Promise.all([openWorkbench(page, server.workbenchUrl()), openWorkbench(w2, secondUrl)]);

      // Each new window decides once, at its start: restore it, or leave it to the other window.
      const restoring = `Restoring ${web.name} (keep connected)`;
      const leftAlone = `${web.name} (keep connected) runs in another window`;
      let decisions: { restored: string[]; leftAlone: string[] } = { restored: [], leftAlone: [] };
      await waitUntil(async () => {
        const fresh = [...remoteitLogs(server.runDir)].filter(([file]) => !earlierLogs.has(file));
        decisions = {
          restored: fresh.filter(([, text]) => text.includes(restoring) && /Started connectd \(pid \d+\) for /.test(text)).map(([file]) => file),
          leftAlone: fresh.filter(([, text]) => text.includes(leftAlone)).map(([file]) => file),
        };
        return decisions.restored.length + decisions.leftAlone.length >= 2;
      }, 'both new windows to restore the kept connection or leave it to the other', 90_000);
      log(`restored in ${decisions.restored.join(', ')}; left to the other window in ${decisions.leftAlone.join(', ')}`);
      assert.equal(decisions.restored.length, 1, `exactly one window restored ${web.name}`);
      assert.equal(decisions.leftAlone.length, 1, `the other window left ${web.name} to it`);
      const pids = connectionPids(fixture);
      assert.equal(pids.length, 1, `one connectd runs the kept connection (pids ${pids.join(', ')})`);

      // The user sees it in the window that runs it, on the port it had, serving the page.
      let shownIn: Page[] = [];
      await waitUntil(async () => {
        shownIn = [];
        for (const p of [page, w2]) if (await connectionsStatusBar(p, web.id).isVisible()) shownIn.push(p);
        return shownIn.length > 0;
      }, `"${web.name} :<port>" in the status bar of a window`, 60_000);
      assert.equal(shownIn.length, 1, 'one window shows the connection it runs');
      keptIn = shownIn[0];
      assert.equal(await waitForConnectedPort(shownIn[0], web.name, 60_000, web.id), port, 'the restored connection uses the port it had before');
      assert.ok((await httpGet(port)).includes(web.expectBody), `127.0.0.1:${port} serves the Web Admin page`);
      assert.deepEqual(connectionPids(fixture), pids, 'still the one connectd once the windows have settled');
      for (const p of [page, w2]) await openViewContainer(p, 'remote.it');
      await screenshot('kept-window-1');
      await screenshot('kept-window-2', { page: w2 });
    });

    step('SSH opened in both windows at the same moment: one Include, both Host blocks, the config keeps its own hosts and mode', async ({ page, fixture, log, screenshot }) => {
      // SSH on the Raspberry Pi in the window that runs its kept Web Admin (a live sibling row), NAS SSH in the other.
      const [piWindow, nasWindow] = keptIn === page ? [page, secondWindow()] : [secondWindow(), page];
      const pi = fixture.services.ssh;
      const nas = fixture.nasSsh;
      // The user's own ssh config, with a host of their own and a mode chosen on purpose.
      const userConfig = fixture.settings['remoteit.ssh.configFile'] as string;
      const ownHosts = '# my own hosts\nHost backup\n  HostName 192.0.2.10\n  User me\n';
      fs.writeFileSync(userConfig, ownHosts);
      fs.chmodSync(userConfig, 0o640);

      await openViewContainer(piWindow, 'remote.it');
      await expandTreeItem(treeItem(piWindow, pi.deviceName));
      await clickInlineAction(treeItem(piWindow, pi.name), 'Connect');
      const piPort = await waitForConnectedPort(piWindow, pi.name, 60_000, pi.id);
      await openViewContainer(nasWindow, 'remote.it');
      await expandTreeItem(treeItem(nasWindow, nas.deviceName));
      await clickInlineAction(treeItem(nasWindow, nas.name), 'Connect');
      const nasPort = await waitForConnectedPort(nasWindow, nas.name, 60_000, nas.id);

      // Open (the status bar item's click) in both windows at once: two extension hosts write the same files.
      await clickAtOnce([connectionsStatusBar(piWindow, pi.id).locator('.statusbar-item-label'), connectionsStatusBar(nasWindow, nas.id).locator('.statusbar-item-label')]);
      await Promise.all([terminalTab(piWindow, `ssh ${pi.name}`).waitFor({ timeout: 30_000 }), terminalTab(nasWindow, `ssh ${nas.name}`).waitFor({ timeout: 30_000 })]);
      await screenshot('ssh-window-1');
      await screenshot('ssh-window-2', { page: secondWindow() });

      const config = fs.readFileSync(userConfig, 'utf8');
      log(`${userConfig}:\n${config}`);
      // Each file the extension manages is included once (the hosts file, and one for remoteit.ssh.options, which
      // this world sets), above the user's own lines, which follow unchanged.
      const includes = config.split('\n').filter((line) => /^\s*Include\b/i.test(line));
      assert.equal(new Set(includes).size, includes.length, `no Include line twice: ${includes.join(' | ')}`);
      assert.ok(config.endsWith(ownHosts), "the user's own hosts are kept as they were, after the Includes");
      const added = config.slice(0, config.length - ownHosts.length).split('\n');
      assert.ok(added.every((line) => line === '' || line.startsWith('#') || includes.includes(line)), `only comments and Includes were added: ${added.join(' | ')}`);
      assert.equal(fs.statSync(userConfig).mode & 0o777, 0o640, 'the config keeps its mode (0640)');

      const managedHost = /^Host remoteit-[0-9a-f-]+$/m;
      const included = includes.map((line) => {
        const named = line.replace(/^\s*Include\s+/i, '').replace(/^"|"$/g, '').trim();
        const file = named.startsWith('~/') ? path.join(os.homedir(), named.slice(2)) : named;
        return { file, text: fs.readFileSync(file, 'utf8') };
      });
      const hostFiles = included.filter(({ text }) => managedHost.test(text));
      assert.equal(hostFiles.length, 1, `one Include for the managed hosts file (${included.map((i) => i.file).join(', ')})`);
      const [{ file: hostsFile, text: managed }] = hostFiles;
      log(`${hostsFile}:\n${managed}`);
      const blocks = managed.split(/^(?=Host\s)/m).filter((b) => b.startsWith('Host '));
      assert.equal(blocks.length, 2, 'two Host blocks in the managed file');
      for (const [service, port] of [[pi, piPort], [nas, nasPort]] as const) {
        const alias = `remoteit-${service.id.toLowerCase().replace(/:/g, '-')}`;
        const block = blocks.find((b) => b.startsWith(`Host ${alias}\n`));
        assert.ok(block, `a Host block for ${service.name} (${alias})`);
        assert.match(block, new RegExp(`^\\s*Port ${port}$`, 'm'), `${service.name}'s block points at its local port ${port}`);
      }
    });
  },
  { world: startWindowsWorld, settings: { 'terminal.integrated.gpuAcceleration': 'off' } },
);
