// The few rules that tie the pieces together in a window: sign-in state → device list and connections, a refused session →
// one "Sign In Again" offer, connection changes → the context keys menus use and the recent-services list,
// a complete device list → managed ssh hosts of vanished services removed, connectd found → the walkthrough.
import * as vscode from 'vscode';
import type { DeviceStore } from '../core/account/deviceStore';
import type { ConnectionManager } from '../core/connections/manager';
import type { RecentServices } from '../core/connections/recentServices';
import { liveConnections } from '../core/presentation/connectionText';
import { MAX_MESSAGE_LENGTH, plain } from '../core/untrusted/text';
import { COMMANDS } from '../commandIds';
import type { Opener } from './open';
import type { SessionStore } from './session';
import type { SettingsSource } from './settings';
import type { ViewState } from './viewState';

export interface ReactionDeps {
  store: DeviceStore;
  sessions: SessionStore;
  manager: ConnectionManager;
  view: ViewState;
  opener: Opener;
  recent: RecentServices;
  settings: SettingsSource;
  /** Resolves when connectd is found (the walkthrough's first step), rejects when not. */
  findConnectd: () => Promise<string>;
  /** The found connectd's banner, and a warning when its version is not the documented 4.x. */
  connectdVersion: () => Promise<{ version?: string; banner: string[]; warning?: string }>;
  log: vscode.LogOutputChannel;
  /** Re-reads whether an access-key profile exists (the welcome offers it first). */
  updateWelcomeContext: () => Promise<void>;
}

export function wireReactions(d: ReactionDeps): { dispose(): void }[] {
  let signInOffered = false;
  const checkConnectd = () =>
    void d.findConnectd().then(
      async (found) => {
        await vscode.commands.executeCommand('setContext', 'remoteit.connectdFound', true);
        const { version, banner, warning } = await d.connectdVersion();
        d.log.info(`connectd ${version ?? '(version unknown)'} at ${found}${banner.length ? `: ${plain(banner.join(' | '), MAX_MESSAGE_LENGTH)}` : ''}`);
        if (warning) void vscode.window.showWarningMessage(`remote.it: ${plain(warning, MAX_MESSAGE_LENGTH)}`, 'Show Log').then((c) => c && d.log.show());
      },
      () => vscode.commands.executeCommand('setContext', 'remoteit.connectdFound', false),
    ).then(undefined, (err: unknown) => d.log.warn(`Could not read connectd's version: ${plain(String(err), MAX_MESSAGE_LENGTH)}`));
  checkConnectd();
  return [
    d.settings.onDidChange((keys) => {
      if (keys.includes('connectd.path')) checkConnectd();
      if (keys.includes('credentialsFile')) void d.updateWelcomeContext();
    }),
    d.store.onDidChange((change) => {
      d.view.updateChrome();
      if (d.store.needsSignIn && !signInOffered) {
        signInOffered = true; // once per rejection, not once per refresh
        void vscode.window
          .showWarningMessage(`remote.it: ${plain(d.store.error ?? 'your sign-in is no longer accepted.', 300)}`, 'Sign In Again')
          .then((c) => c && vscode.commands.executeCommand(COMMANDS.signIn));
      }
      // A refresh that is only starting says nothing about the sign-in yet.
      if (!d.store.needsSignIn && !d.store.loading) signInOffered = false;
      if (change.membership && !d.store.loading && !d.store.error && d.store.devices.length > 0) {
        void d.opener.pruneSshHosts(d.store.devices.flatMap((device) => device.services.map((s) => s.id)));
      }
    }),
    d.manager.onDidChange((s) => {
      void vscode.commands.executeCommand('setContext', 'remoteit.activeConnections', liveConnections(d.manager.list()).length > 0);
      if (s.state === 'starting' && !s.request.provisioningFile) void d.recent.used(s.request.serviceId);
      if (s.state === 'failed' && s.failure?.action === 'signIn') {
        // The failure's own message already offers Sign In Again: the refresh must not say it a second time.
        signInOffered = true;
        void d.store.refresh().catch(() => undefined);
      }
    }),
    d.sessions.onDidChange((session) => {
      if (session) void d.store.refresh().catch(() => undefined);
      else {
        // Signed out, here or in another window (they share the secret): no window keeps a connectd running
        // on the old session. Keep Connected marks stay for the next sign-in.
        void d.manager.stopAll();
        d.store.clear();
        void d.updateWelcomeContext();
      }
      d.view.updateChrome();
    }),
  ];
}
