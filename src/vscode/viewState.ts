// The Devices view's own state: filter text, online-only, sort and favourites (remembered across sessions and
// shared with the other windows, each change merged into what is stored), plus its title description and message.
import * as vscode from 'vscode';
import type { DeviceListOptions, DeviceSort } from '../core/tree/deviceList';
import { applyViewChange, readViewPreferences, type ViewChange, type ViewPreferences } from '../core/tree/viewPreferences';
import { MAX_MESSAGE_LENGTH, plain } from '../core/untrusted/text';
import type { DeviceStore } from '../core/account/deviceStore';
import type { SessionStore } from './session';
import type { DevicesTree, TreeNode } from './tree';
import { pickOne } from './quickPick';

const KEY = 'remoteit.view';

export class ViewState {
  private state: ViewPreferences;
  private optionsOf: { state: ViewPreferences; options: DeviceListOptions } | undefined;
  private tree: DevicesTree | undefined;
  private view: vscode.TreeView<TreeNode> | undefined;

  constructor(
    private readonly memento: vscode.Memento,
    private readonly store: DeviceStore,
    private readonly sessions: SessionStore,
    /** The account the view lists (its email, or the organisation picked), shown in the view's title. */
    private readonly accountLabel: () => string | undefined,
  ) {
    this.state = readViewPreferences(memento.get(KEY));
  }

  attach(tree: DevicesTree, view: vscode.TreeView<TreeNode>): void {
    this.tree = tree;
    this.view = view;
    this.updateChrome();
  }

  /** The options of the current state, built once per state: every drawn row asks them (ten thousand per redraw). */
  options = (): DeviceListOptions => {
    if (this.optionsOf?.state !== this.state) {
      const { filter, onlineOnly, sort, favourites } = this.state;
      this.optionsOf = { state: this.state, options: { filter, onlineOnly, sort, favourites: new Set(favourites) } };
    }
    return this.optionsOf.options;
  };

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
    const items = choices.map((c) => ({ ...c, description: c.sort === this.state.sort ? 'current' : undefined }));
    const picked = await pickOne(items, { title: 'Sort remote.it devices (favourites stay on top)', active: items.find((c) => c.sort === this.state.sort) });
    if (!picked) return;
    await this.change({ kind: 'sort', sort: picked.sort });
  }

  async setFilter(filter: string): Promise<void> {
    await this.change({ kind: 'filter', filter });
  }

  async setOnlineOnly(onlineOnly: boolean): Promise<void> {
    await this.change({ kind: 'onlineOnly', onlineOnly });
  }

  async setFavourite(deviceId: string, favourite: boolean): Promise<void> {
    await this.change({ kind: 'favourite', deviceId, favourite });
  }

  /** The Devices view's last row, "Show more", was clicked. */
  showMore(): void {
    this.tree?.showMore();
  }

  /**
   * Applies the change to what is stored right now (another window may have written since this one read) and
   * writes that back. This window keeps its own filter, sort and online-only, and takes the merged favourites.
   */
  private async change(change: ViewChange): Promise<void> {
    const merged = applyViewChange(this.memento.get(KEY), change);
    const mine = applyViewChange(this.state, change);
    this.state = { ...mine, favourites: merged.favourites };
    this.tree?.refreshAll();
    this.updateChrome();
    await this.memento.update(KEY, merged);
  }

  /** Title description (counts, filter) and the message shown above the tree (loading, errors). */
  updateChrome(): void {
    const filtered = this.state.filter !== '' || this.state.onlineOnly;
    void vscode.commands.executeCommand('setContext', 'remoteit.filtered', filtered);
    void vscode.commands.executeCommand('setContext', 'remoteit.onlineOnly', this.state.onlineOnly);
    if (!this.view || !this.tree) return;
    const total = this.store.devices.length;
    const shown = this.tree.visibleCount;
    const what = [this.state.filter && `“${plain(this.state.filter, 40)}”`, this.state.onlineOnly && 'online only'].filter(Boolean).join(', ');
    const sort = this.state.sort === 'name' ? '' : ` · sorted by ${this.state.sort === 'state' ? 'online first' : 'last reported'}`;
    const account = plain(this.accountLabel() ?? '', 60);
    this.view.description =
      this.sessions.state !== 'signedIn' ? undefined : `${filtered ? `${shown} of ${total} · ${what}` : `${total} devices`}${sort}${account ? ` · ${account}` : ''}`;
    const progress = this.store.loadProgress;
    if (this.store.loading && total === 0) {
      this.view.message = progress ? `Loading devices… ${progress.loaded} of ${progress.total}` : 'Loading devices…';
    } else if (this.store.error) {
      this.view.message = `Could not load devices: ${plain(this.store.error, MAX_MESSAGE_LENGTH)}. Use Refresh to try again.`;
    } else if (this.sessions.state === 'signedIn' && !this.store.loading && total === 0) {
      this.view.message = 'No devices in this account yet.';
    } else {
      this.view.message = undefined;
    }
  }
}
