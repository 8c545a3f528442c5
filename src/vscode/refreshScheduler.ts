// Refreshes the device list on the configured interval, but only while the view is visible and signed in.
import * as vscode from 'vscode';
import type { DeviceStore } from '../core/account/deviceStore';
import { refreshOnShow } from '../core/account/refreshOnShow';
import type { SessionStore } from './session';
import type { SettingsSource } from './settings';

export class RefreshScheduler implements vscode.Disposable {
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly subscriptions: { dispose(): void }[];

  constructor(
    private readonly store: DeviceStore,
    private readonly view: vscode.TreeView<unknown>,
    private readonly sessions: SessionStore,
    private readonly settings: SettingsSource,
  ) {
    this.subscriptions = [view.onDidChangeVisibility(() => this.reschedule(true))];
    const settingsSub = settings.onDidChange((keys) => keys.includes('refreshIntervalSeconds') && this.reschedule(false));
    this.subscriptions.push({ dispose: () => settingsSub.dispose() });
    const sub = sessions.onDidChange(() => this.reschedule(false));
    this.subscriptions.push({ dispose: () => sub.dispose() });
    this.reschedule(false);
  }

  /** Coming back to a view whose list is older than one interval refreshes at once. */
  private reschedule(becameVisible: boolean): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    const seconds = this.settings.current.refreshIntervalSeconds;
    if (!this.view.visible || seconds <= 0 || this.sessions.state !== 'signedIn') return;
    this.timer = setInterval(() => void this.store.refresh().catch(() => undefined), seconds * 1000);
    const shownAgain = { loadedAt: this.store.loadedAt, now: Date.now(), intervalMs: seconds * 1000, loading: this.store.loading, hasDevices: this.store.devices.length > 0 };
    if (becameVisible && refreshOnShow(shownAgain)) void this.store.refresh().catch(() => undefined);
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    for (const s of this.subscriptions) s.dispose();
  }
}
