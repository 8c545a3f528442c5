// Status bar items with the live ports: one per connection (`name :PORT`, a spinner while connecting, the error
// background after a failure until the user clicks it), folded into one summary item above
// remoteit.statusBar.maxItems. Redraws are coalesced: a chatty connectd cannot redraw more than twice a second.
import * as vscode from 'vscode';
import type { ConnectionManager } from '../core/connections/manager';
import { systemClock } from '../core/clock';
import { Coalescer } from '../core/presentation/coalescer';
import { statusBarLayout, type StatusBarEntry } from '../core/presentation/connectionText';
import { INTERNAL_COMMANDS } from '../commandIds';
import type { SettingsSource } from './settings';

export const STATUS_BAR_SUMMARY_ID = 'remoteit.connections';
const REDRAW_MS = 500;

/** The id of a connection's own item (its DOM id is `<extension id>.<item id>`). */
export function statusBarItemId(connectionId: string): string {
  return `remoteit.connection.${connectionId}`;
}

export class ConnectionStatusBar implements vscode.Disposable {
  private readonly items = new Map<string, vscode.StatusBarItem>();
  private summary: vscode.StatusBarItem | undefined;
  private readonly unseenFailures = new Set<string>();
  private readonly subscription: { dispose(): void };
  private readonly settingsSubscription: { dispose(): void };
  private readonly redraws = new Coalescer<string>(() => this.draw(), REDRAW_MS, systemClock);

  constructor(
    private readonly manager: ConnectionManager,
    private readonly settings: SettingsSource,
  ) {
    this.subscription = manager.onDidChange((s) => {
      if (s.state === 'failed') this.unseenFailures.add(s.id);
      else this.unseenFailures.delete(s.id);
      this.redraws.add(s.id);
    });
    this.settingsSubscription = settings.onDidChange((keys) => keys.includes('statusBar.maxItems') && this.draw());
    this.draw();
  }

  /** The user looked at a failure (clicked its item). */
  seen(id: string): void {
    if (this.unseenFailures.delete(id)) this.draw();
  }

  private draw(): void {
    const layout = statusBarLayout(this.manager.list(), this.settings.current['statusBar.maxItems'], this.unseenFailures);
    const keep = new Set(layout.items.map((e) => e.id));
    for (const [id, item] of this.items) {
      if (keep.has(id)) continue;
      item.dispose();
      this.items.delete(id);
    }
    layout.items.forEach((entry, index) => this.render(this.itemFor(entry.id, index), entry));
    if (layout.summary) {
      this.summary ??= this.create(STATUS_BAR_SUMMARY_ID, 'remote.it connections', 0, { command: INTERNAL_COMMANDS.statusBarClick, title: 'Show Connections', arguments: [] });
      this.render(this.summary, layout.summary);
    } else {
      this.summary?.dispose();
      this.summary = undefined;
    }
  }

  private itemFor(id: string, index: number): vscode.StatusBarItem {
    let item = this.items.get(id);
    if (!item) {
      item = this.create(statusBarItemId(id), 'remote.it connection', index, { command: INTERNAL_COMMANDS.statusBarClick, title: 'Open', arguments: [id] });
      this.items.set(id, item);
    }
    return item;
  }

  private create(id: string, name: string, index: number, command: vscode.Command): vscode.StatusBarItem {
    const item = vscode.window.createStatusBarItem(id, vscode.StatusBarAlignment.Left, 50 - index / 100);
    item.name = name;
    // Given once: each new command object with arguments gets a new internal id and the previous one is dropped,
    // so a click on the item as drawn before a redraw would be lost ("Actual command not found").
    item.command = command;
    return item;
  }

  private render(item: vscode.StatusBarItem, entry: StatusBarEntry): void {
    item.text = entry.text;
    // Plain-text tooltip: names are already inert, and a string tooltip renders no markdown at all.
    item.tooltip = entry.tooltip.join('\n');
    item.backgroundColor = entry.error
      ? new vscode.ThemeColor('statusBarItem.errorBackground')
      : entry.warning
        ? new vscode.ThemeColor('statusBarItem.warningBackground')
        : undefined;
    item.show();
  }

  dispose(): void {
    this.redraws.dispose();
    this.subscription.dispose();
    this.settingsSubscription.dispose();
    for (const item of this.items.values()) item.dispose();
    this.summary?.dispose();
  }
}
