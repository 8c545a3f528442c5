// One status bar item for all connections (UX guidelines: one item, not one per port).
import * as vscode from 'vscode';
import type { ConnectionManager } from '../core/connections/manager';
import { connectionDetail, liveConnections, statusBarText } from '../core/presentation/connectionText';

export const STATUS_BAR_ID = 'remoteit.connections';

export class ConnectionStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(STATUS_BAR_ID, vscode.StatusBarAlignment.Left, 50);
  private readonly subscription: { dispose(): void };

  constructor(private readonly manager: ConnectionManager) {
    this.item.name = 'remote.it connections';
    this.item.command = 'remoteit.statusBarClick';
    this.subscription = manager.onDidChange(() => this.update());
    this.update();
  }

  private update(): void {
    const all = this.manager.list();
    const shown = statusBarText(all);
    if (!shown) {
      this.item.hide();
      return;
    }
    this.item.text = shown.text;
    this.item.backgroundColor = shown.warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown('**remote.it connections**\n\n');
    for (const c of liveConnections(all)) tooltip.appendMarkdown(`- ${escape(c.request.name)}: ${escape(connectionDetail(c))}\n`);
    tooltip.appendMarkdown('\nClick to open' + (liveConnections(all).length > 1 ? ' one of them.' : '.'));
    this.item.tooltip = tooltip;
    this.item.show();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
