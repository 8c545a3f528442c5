// Page-level moves in the VS Code workbench, with selectors that hold on VS Code 1.100 and 1.139.
// Each waits for the UI to react rather than sleeping.
import type { Locator, Page } from 'playwright-core';

const UI_TIMEOUT = 30_000;

export async function openWorkbench(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: 60_000 });
}

/** Runs a command by its palette label, e.g. "remote.it: Sign In". */
export async function runCommand(page: Page, label: string): Promise<void> {
  // A click into the editor area before F1 can leave the palette hidden: Escape, then F1, without clicking.
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: UI_TIMEOUT });
  await input.fill(`>${label}`);
  await page.locator(`.quick-input-widget .monaco-list-row[role="option"][aria-label^="${label}"]`).first().waitFor({ timeout: UI_TIMEOUT });
  await page.keyboard.press('Enter');
}

export interface InputBoxState {
  /** Title, prompt and placeholder together, as the user reads them. */
  text: string;
  isPassword: boolean;
}

/** Waits for an input box whose text matches `expect`, types the answer and presses Enter. */
export async function answerInputBox(page: Page, expect: RegExp, answer: string): Promise<InputBoxState> {
  const widget = page.locator('.quick-input-widget');
  const input = widget.locator('input.input').first();
  let state: InputBoxState = { text: '', isPassword: false };
  await waitUntil(async () => {
    if (!(await input.isVisible())) return false;
    const parts = await Promise.all([
      widget.locator('.quick-input-title').textContent().catch(() => ''),
      widget.locator('.quick-input-message').textContent().catch(() => ''),
      input.getAttribute('placeholder'),
    ]);
    state = { text: parts.filter(Boolean).join(' | '), isPassword: (await input.getAttribute('type')) === 'password' };
    return expect.test(state.text);
  }, `an input box matching ${expect}`);
  await input.fill(answer);
  await page.keyboard.press('Enter');
  return state;
}

/** Waits for a quick pick entry whose label starts with `label`, and picks it; returns its whole accessible text. */
export async function pickQuickPickItem(page: Page, label: string): Promise<string> {
  const option = page.locator(`.quick-input-widget .monaco-list-row[role="option"][aria-label^="${label}"]`).first();
  await option.waitFor({ state: 'visible', timeout: UI_TIMEOUT });
  const text = ((await option.textContent()) ?? '').trim();
  await option.click();
  await option.waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
  return text;
}

/** Opens a view container from the activity bar by its title (the icon's aria-label). */
export async function openViewContainer(page: Page, title: string): Promise<void> {
  const icon = page.locator(`.part.activitybar a.action-label[aria-label^="${title}"]`).first();
  await icon.waitFor({ timeout: UI_TIMEOUT });
  const sidebarTitle = page.locator('[id="workbench.parts.sidebar"] .composite.title');
  const shown = async () => (await sidebarTitle.isVisible()) && ((await sidebarTitle.textContent()) ?? '').toLowerCase().startsWith(title.toLowerCase());
  // A hidden side bar keeps its last title, and a click on the active icon hides it (a window restoring its
  // layout right then): click until the side bar is both visible and this container's.
  await waitUntil(async () => {
    if (await shown()) return true;
    await icon.click();
    await waitUntil(shown, `the ${title} side bar after a click`, 5_000).catch(() => undefined);
    return shown();
  }, `the ${title} side bar`);
}

export function sidebar(page: Page): Locator {
  return page.locator('[id="workbench.parts.sidebar"]');
}

/** A tree row whose label starts with `label` (row aria-labels carry a trailing space and descriptions). */
export function treeItem(page: Page, label: string): Locator {
  return sidebar(page).getByRole('treeitem', { name: new RegExp(`^${escapeRegExp(label)}\\b`) }).first();
}

export async function expandTreeItem(row: Locator): Promise<void> {
  await row.waitFor({ timeout: UI_TIMEOUT });
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
  await waitUntil(async () => (await row.getAttribute('aria-expanded')) === 'true', 'the tree row to expand');
}

/** Moves the pointer to an empty corner of the editor area, where it opens no hover. */
export async function movePointerAway(page: Page): Promise<void> {
  const size = page.viewportSize();
  if (size) await page.mouse.move(size.width - 20, Math.round(size.height * 0.6));
}

/**
 * Rests the pointer on the element until the workbench shows a hover with that text. The pointer first moves off
 * it: resting where it already is (after a click on the same row) moves nothing, and no hover opens.
 */
export async function hoverShowing(page: Page, element: Locator, text: string): Promise<Locator> {
  const hover = page.locator('.monaco-hover, .workbench-hover-container').filter({ visible: true }).filter({ hasText: text }).first();
  for (let attempt = 1; ; attempt++) {
    await movePointerAway(page);
    await element.hover();
    try {
      await hover.waitFor({ timeout: 5_000 });
      return hover;
    } catch (err) {
      if (attempt === 3) throw err;
    }
  }
}

/** Clicks one of a row's inline actions (they show on hover), by its aria-label. */
export async function clickInlineAction(row: Locator, action: string): Promise<void> {
  await row.hover();
  const button = row.locator(`.actions a.action-label[aria-label="${action}"]`);
  await button.waitFor({ state: 'visible', timeout: UI_TIMEOUT });
  await button.click();
}

/**
 * Right-clicks a row and picks an entry of its context menu by its label: the pointer moves onto the entry (which
 * focuses it) and Enter runs it. A synthetic click right after the menu opens is not taken by the web workbench's
 * menu (the entry stays highlighted, the menu open).
 */
export async function pickContextMenuItem(page: Page, row: Locator, label: string): Promise<void> {
  await row.waitFor({ timeout: UI_TIMEOUT });
  await row.click({ button: 'right' });
  const item = page.getByRole('menuitem', { name: label, exact: true });
  await item.waitFor({ state: 'visible', timeout: UI_TIMEOUT });
  await item.hover();
  const focused = page.locator('.action-item.focused').getByRole('menuitem', { name: label, exact: true });
  await focused.waitFor({ timeout: UI_TIMEOUT });
  await page.keyboard.press('Enter');
  await item.waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
}

/** Closes the notification toasts on screen with their own close buttons (they cover the panel in pictures). */
export async function dismissNotificationToasts(page: Page): Promise<void> {
  const close = page.locator('.notification-toast a.action-label[aria-label^="Clear Notification"]');
  for (let open = await close.count(); open > 0; open--) {
    await close.first().click();
    await waitUntil(async () => (await close.count()) < open, 'the notification toast to close');
  }
}

/** The status bar item contributed by an extension: DOM id `<publisher>.<name>.<item id>`. */
export function statusBarItem(page: Page, extensionId: string, itemId: string): Locator {
  return page.locator(`[id="${extensionId}.${itemId}"].statusbar-item`);
}

/** Polls `condition` until it holds (generous timeout for a loaded 2-core machine). */
export async function waitUntil(condition: () => Promise<boolean>, what: string, timeoutMs = UI_TIMEOUT): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** A terminal's entry in the panel: its row in the tabs list, or the single tab VS Code shows for one terminal. */
export function terminalTab(page: Page, name: string): Locator {
  return page
    .locator('.part.panel')
    .locator('.terminal-tabs-entry, .single-terminal-tab')
    .filter({ hasText: new RegExp(`(^|\\s)${escapeRegExp(name)}$`) })
    .first();
}

/** The active terminal's name, from its input's accessible name ("Terminal 2, ssh SSH\nRun the command: …"). */
export async function activeTerminalName(page: Page): Promise<string> {
  const label = (await page.locator('.terminal-wrapper.active .xterm-helper-textarea').first().getAttribute('aria-label').catch(() => '')) ?? '';
  return /^Terminal \d+, (.*)$/m.exec(label)?.[1]?.trim() ?? '';
}

/** The text the active terminal shows (needs the DOM renderer: terminal.integrated.gpuAcceleration "off"). */
export async function terminalText(page: Page): Promise<string> {
  return (await page.locator('.terminal-wrapper.active .xterm-rows').first().textContent().catch(() => '')) ?? '';
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
