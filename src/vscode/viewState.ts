// The Devices view's own state: filter text, online-only, sort and favourites (remembered across sessions),
// plus its title description and message.
import * as vscode from 'vscode';
import type { DeviceListOptions, DeviceSort } from '../core/tree/deviceList';
import type { DeviceStore } from './deviceStore';
import type { SessionStore } from './session';
import type { DevicesTree, TreeNode } from './tree';

const KEY = 'remoteit.view';

interface Persisted {
  filter: string;
  onlineOnly: boolean;
  sort: DeviceSort;
  favourites: string[];
}

export class ViewState {
  private state: Persisted;
  private tree: DevicesTree | undefined;
  private view: vscode.TreeView<TreeNode> | undefined;

  constructor(
    private readonly memento: vscode.Memento,
    private readonly store: DeviceStore,
    private readonly sessions: SessionStore,
  ) {
    this.state = { filter: '', onlineOnly: false, sort: 'name', favourites: [], ...memento.get<Partial<Persisted>>(KEY) };
  }

  attach(tree: DevicesTree, view: vscode.TreeView<TreeNode>): void {
    this.tree = tree;
    this.view = view;
    this.updateChrome();
  }

  options = (): DeviceListOptions => ({
    filter: this.state.filter,
    onlineOnly: this.state.onlineOnly,
    sort: this.state.sort,
    favourites: new Set(this.state.favourites),
  });

  /** Filters as the user types, so a 10,000-device account narrows instantly. */
  async askFilter(): Promise<void> {
    const before = this.state.filter;
    const box = vscode.window.createInputBox();
    box.title = 'Filter remote.it devices';
    box.placeholder = 'Device or service name';
    box.value = before;
    let accepted = false;
    box.onDidChangeValue((v) => void this.setFilter(v));
    box.onDidAccept(() => {
      accepted = true;
      box.hide();
    });
    const hidden = new Promise<void>((resolve) =>
      box.onDidHide(() => {
        if (!accepted) void this.setFilter(before);
        box.dispose();
        resolve();
      }),
    );
    box.show();
    await hidden;
  }

  async askSort(): Promise<void> {
    const choices: { label: string; sort: DeviceSort }[] = [
      { label: 'Name', sort: 'name' },
      { label: 'Online first', sort: 'state' },
      { label: 'Last reported', sort: 'lastReported' },
    ];
    const picked = await vscode.window.showQuickPick(
      choices.map((c) => ({ ...c, description: c.sort === this.state.sort ? 'current' : undefined })),
      { title: 'Sort remote.it devices (favourites stay on top)' },
    );
    if (!picked) return;
    this.state.sort = picked.sort;
    await this.changed();
  }

  async setFilter(filter: string): Promise<void> {
    this.state.filter = filter.trim();
    await this.changed();
  }

  async toggleOnlineOnly(): Promise<void> {
    this.state.onlineOnly = !this.state.onlineOnly;
    await this.changed();
  }

  async toggleFavourite(deviceId: string): Promise<void> {
    const set = new Set(this.state.favourites);
    if (!set.delete(deviceId)) set.add(deviceId);
    this.state.favourites = [...set];
    await this.changed();
  }

  private async changed(): Promise<void> {
    this.tree?.refreshAll();
    this.updateChrome();
    await this.memento.update(KEY, this.state);
  }

  /** Title description (counts, filter) and the message shown above the tree (loading, errors). */
  updateChrome(): void {
    const filtered = this.state.filter !== '' || this.state.onlineOnly;
    void vscode.commands.executeCommand('setContext', 'remoteit.filtered', filtered);
    if (!this.view || !this.tree) return;
    const total = this.store.devices.length;
    const shown = this.tree.visibleCount;
    const what = [this.state.filter && `“${this.state.filter}”`, this.state.onlineOnly && 'online'].filter(Boolean).join(', ');
    this.view.description = this.sessions.state !== 'signedIn' ? undefined : filtered ? `${shown} of ${total} · ${what}` : `${total} devices`;
    const progress = this.store.loadProgress;
    if (this.store.loading && total === 0) {
      this.view.message = progress ? `Loading devices… ${progress.loaded} of ${progress.total}` : 'Loading devices…';
    } else if (this.store.error) {
      this.view.message = `Could not load devices: ${this.store.error}. Use Refresh to try again.`;
    } else if (this.sessions.state === 'signedIn' && !this.store.loading && total === 0) {
      this.view.message = 'No devices in this account yet.';
    } else {
      this.view.message = undefined;
    }
  }
}
