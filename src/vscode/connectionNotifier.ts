// Tells the user about the connection changes that need them, once each: a failure (with the offers core
// decides), a connection closed by something other than the user, a move to another port; and, only when
// remoteit.notifications.connected is on, a connection that became ready (the status bar says so already).
import * as vscode from 'vscode';
import type { DeviceStore } from '../core/account/deviceStore';
import { failureOffers, type FailureOffer } from '../core/connections/failureOffers';
import type { ConnectionManager } from '../core/connections/manager';
import type { ServicePreferenceStore } from '../core/connections/servicePreferences';
import type { ConnectionSnapshot } from '../core/connections/types';
import { connectedMessage, connectionTitle } from '../core/presentation/connectionText';
import { serviceOnline } from '../core/remoteit/reachability';
import { plain } from '../core/untrusted/text';
import { COMMANDS } from '../commandIds';
import type { ConnectFlow } from './connectFlow';
import type { SettingsSource } from './settings';

const OFFER_LABELS: Record<FailureOffer, string> = {
  retry: 'Retry',
  signIn: 'Sign In Again',
  openSetting: 'Open Settings',
  useProxy: 'Use remote.it Proxy',
  networkDiagnostics: 'Network Diagnostics',
  showLog: 'Show Log',
};

export class ConnectionNotifier implements vscode.Disposable {
  private readonly lastState = new Map<string, ConnectionSnapshot['state']>();
  /** Port moves already told (portChangedFrom stays set across reconnects). */
  private readonly announcedPort = new Map<string, number>();
  private readonly subscription: { dispose(): void };

  constructor(
    manager: ConnectionManager,
    private readonly flow: ConnectFlow,
    private readonly store: DeviceStore,
    private readonly settings: SettingsSource,
    private readonly prefs: ServicePreferenceStore,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscription = manager.onDidChange((s) => this.notify(s));
  }

  private notify(s: ConnectionSnapshot): void {
    const before = this.lastState.get(s.id);
    this.lastState.set(s.id, s.state);
    if (before === s.state) return;
    const name = plain(s.request.name);
    if (s.state === 'ready' && s.portChangedFrom && this.announcedPort.get(s.id) !== s.port) {
      this.announcedPort.set(s.id, s.port!);
      void vscode.window.showInformationMessage(`remote.it: port ${s.portChangedFrom} was in use, so ${name} now uses 127.0.0.1:${s.port}.`);
    }
    // Only a new connection: a reconnect returning to ready is not news.
    if (s.state === 'ready' && before === 'starting' && this.settings.current['notifications.connected']) void this.showConnected(s);
    if (s.state === 'idle' && s.failure && before && before !== 'stopping') {
      void vscode.window.showWarningMessage(`remote.it: ${name} closed: ${plain(s.failure.message, 300)}`, 'Reconnect').then((c) => c && this.flow.retry(s));
    }
    if (s.state === 'failed' && s.failure) void this.showFailure(s);
  }

  private async showConnected(s: ConnectionSnapshot): Promise<void> {
    const open = 'Open';
    if ((await vscode.window.showInformationMessage(connectedMessage(s), open)) === open) await vscode.commands.executeCommand(COMMANDS.open, s.id);
  }

  private async showFailure(s: ConnectionSnapshot): Promise<void> {
    const failure = s.failure!;
    // Every failure is in the log too, so it can be found after the message is gone.
    this.log.warn(`${connectionTitle(s)} failed: ${plain(failure.message, 500)}`);
    const service = this.store.service(s.request.serviceId);
    const offers = failureOffers(failure, {
      route: s.route,
      deviceOnline: service !== undefined && serviceOnline(service, this.store.device(service.deviceId)),
      // "Peer-to-peer only" for this service means: never offer the proxy.
      proxyFallback: this.settings.current.proxyFallback && this.prefs.get(s.request.serviceId).route !== 'p2p',
    });
    const labels = offers.map((o) => OFFER_LABELS[o]);
    const choice = await vscode.window.showErrorMessage(`remote.it: ${connectionTitle(s)}: ${plain(failure.message, 300)}`, ...labels);
    const offer = offers[labels.indexOf(choice ?? '')];
    switch (offer) {
      case 'retry':
        return this.flow.retry(s);
      case 'signIn':
        await vscode.commands.executeCommand(COMMANDS.signIn);
        return;
      case 'openSetting':
        await vscode.commands.executeCommand('workbench.action.openSettings', failure.setting);
        return;
      case 'useProxy':
        if (service) await this.flow.connectProxy(service);
        return;
      case 'networkDiagnostics':
        await vscode.commands.executeCommand(COMMANDS.networkDiagnostics);
        return;
      case 'showLog':
        this.log.show();
        return;
      default:
        return;
    }
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
