// The `remoteit.*` settings for this window: one validated snapshot, re-read when VS Code says they changed.
import * as vscode from 'vscode';
import { Emitter } from '../core/events';
import { changedSettings, readSettings, type SettingKey, type Settings } from '../core/settings';

export class SettingsSource implements vscode.Disposable {
  private snapshot: Settings = read();
  private readonly changed = new Emitter<readonly SettingKey[]>();
  /** Fires the keys whose effective values changed. */
  readonly onDidChange = this.changed.event;
  private readonly subscription = vscode.workspace.onDidChangeConfiguration((e) => {
    if (!e.affectsConfiguration('remoteit')) return;
    const next = read();
    const keys = changedSettings(this.snapshot, next);
    this.snapshot = next;
    if (keys.length > 0) this.changed.fire(keys);
  });

  /** The snapshot to use for one decision or one launch; never cache it across a launch. */
  get current(): Settings {
    return this.snapshot;
  }

  /** Writes where the value takes effect for this user (sensitive settings ignore workspace values). */
  async update<K extends SettingKey>(key: K, value: Settings[K]): Promise<void> {
    await vscode.workspace.getConfiguration('remoteit').update(key, value, vscode.ConfigurationTarget.Global);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function read(): Settings {
  const config = vscode.workspace.getConfiguration('remoteit');
  return readSettings((key) => config.get(key));
}
