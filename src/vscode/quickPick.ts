// A quick pick that opens on the current choice: `showQuickPick` always highlights the first item, so Enter on a
// settings picker would silently change the setting back to its first option.
import * as vscode from 'vscode';

export function pickOne<T extends vscode.QuickPickItem>(items: readonly T[], options: { title: string; active?: T; ignoreFocusOut?: boolean }): Promise<T | undefined> {
  const pick = vscode.window.createQuickPick<T>();
  pick.title = options.title;
  pick.ignoreFocusOut = options.ignoreFocusOut ?? false;
  pick.items = items;
  if (options.active) pick.activeItems = [options.active];
  return new Promise((resolve) => {
    let chosen: T | undefined;
    pick.onDidAccept(() => {
      chosen = pick.selectedItems[0] ?? pick.activeItems[0];
      pick.hide();
    });
    pick.onDidHide(() => {
      pick.dispose();
      resolve(chosen);
    });
    pick.show();
  });
}
