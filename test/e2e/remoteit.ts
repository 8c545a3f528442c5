// Moves specific to this extension's UI (the remote.it Devices view, its sign-in, its status bar item), shared by
// the journeys. Generic VS Code moves live in workbench.ts.
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { runningConnectd } from '../../scripts/lib/connectdSurvivors';
import { STANDIN_ENV } from '../emulator';
import type { TestFixture } from '../fixture';
import { answerInputBox, openViewContainer, sidebar, statusBarItem, treeItem, waitUntil } from './workbench';

export const EXTENSION_ID = 'remoteit-community.remoteit-connect';
/** Each connection has its own status bar item, `name :PORT`; its DOM id is `<extension>.remoteit.connection.<id>`. */
const CONNECTION_ITEM = `${EXTENSION_ID}.remoteit.connection.`;
const PORT = /:(\d+)\s*$/;

/** The pids of the connectd stand-ins this world's windows run (connections and version checks alike). */
export function connectdPids(fixture: TestFixture): number[] {
  return runningConnectd({ standIn: fixture.connectdPath, envEntry: `${STANDIN_ENV}=${fixture.apiUrl}` });
}

/** The remote.it view container in the side bar (its DOM id is the container id). */
export function devicesView(page: Page): Locator {
  return page.locator('[id="workbench.view.extension.remoteit"]');
}

/** Device and service rows of the Devices tree. */
export function deviceTreeRows(page: Page): Locator {
  return devicesView(page).locator('.monaco-list-row[role="treeitem"]');
}

export function signInButton(page: Page): Locator {
  return sidebar(page).getByRole('button', { name: 'Sign in', exact: true });
}

/** Opens the remote.it view and waits for its welcome content (signed out). */
export async function openSignedOutView(page: Page): Promise<void> {
  await openViewContainer(page, 'remote.it');
  await signInButton(page).waitFor({ timeout: 60_000 });
}

/** Welcome "Sign in" → email box → password box (asserting it hides what is typed) → the first device row. */
export async function signInFromWelcome(page: Page, account: { email: string; password: string }, firstDevice: string): Promise<void> {
  await signInButton(page).click();
  const email = await answerInputBox(page, /email/i, account.email);
  assert.equal(email.isPassword, false, 'the email box is a plain text field');
  const password = await answerInputBox(page, /password/i, account.password);
  assert.equal(password.isPassword, true, 'the password box hides what is typed');
  await treeItem(page, firstDevice).waitFor({ timeout: 60_000 });
}

/** The description VS Code gives the Devices section ("3 devices", "1 of 10000 · “…”"); empty when none. */
export async function devicesDescription(page: Page): Promise<string> {
  return ((await devicesView(page).locator('.pane-header .description').first().textContent().catch(() => '')) ?? '').trim();
}

/** The row's description, e.g. "offline · 3 services" or "127.0.0.1:33000". */
export async function rowDescription(row: Locator): Promise<string> {
  return ((await row.locator('.label-description').first().textContent()) ?? '').trim();
}

/** The status bar item of one connection (by service id), or of the only connection. */
export function connectionsStatusBar(page: Page, serviceId?: string): Locator {
  return serviceId ? statusBarItem(page, EXTENSION_ID, `remoteit.connection.${serviceId}`) : page.locator(`[id^="${CONNECTION_ITEM}"].statusbar-item`);
}

/** Waits for the status bar to read "<service> :<port>" and returns the port. */
export async function waitForConnectedPort(page: Page, serviceName: string, timeoutMs = 60_000, serviceId?: string): Promise<number> {
  const item = connectionsStatusBar(page, serviceId);
  let text = '';
  await waitUntil(
    async () => (await item.isVisible()) && PORT.test((text = ((await item.textContent()) ?? '').trim())) && text.includes(serviceName),
    `"${serviceName} :<port>" in the status bar`,
    timeoutMs,
  );
  return Number(PORT.exec(text)![1]);
}

/**
 * The extension's global state (keep-connected marks, view preferences, …) as saved, read from where VS Code in the
 * browser keeps it: the IndexedDB database vscode-web-state-db-global, table ItemTable, key = extension id. Every
 * window of one browser shares it. A string: the page's DOM types are not in this project's lib.
 */
async function savedGlobalState(page: Page): Promise<Record<string, unknown>> {
  const raw = (await page.evaluate(`new Promise((resolve, reject) => {
    const open = indexedDB.open('vscode-web-state-db-global');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const get = open.result.transaction('ItemTable', 'readonly').objectStore('ItemTable').get('${EXTENSION_ID}');
      get.onsuccess = () => { open.result.close(); resolve(get.result ?? '{}'); };
      get.onerror = () => reject(get.error);
    };
  })`)) as string;
  return JSON.parse(raw) as Record<string, unknown>;
}

/** The service ids in the extension's saved keep-connected list. */
export async function savedKeptServices(page: Page): Promise<string[]> {
  const kept = (await savedGlobalState(page))['remoteit.connections.keep'];
  return Array.isArray(kept) ? kept.map((r: { serviceId?: string }) => r.serviceId ?? '') : [];
}

/** The device ids in the Devices view's saved favourites. */
export async function savedFavouriteDevices(page: Page): Promise<string[]> {
  const view = (await savedGlobalState(page))['remoteit.view'] as { favourites?: unknown } | undefined;
  return Array.isArray(view?.favourites) ? view.favourites.filter((id): id is string => typeof id === 'string') : [];
}
