// Cloud-proxy connections (GraphQL connect/disconnect): the way in when peer-to-peer cannot reach a device.
import * as vscode from 'vscode';
import { Emitter } from '../core/events';
import type { Service } from '../core/remoteit/model';
import type { AccountClient, ProxyConnection } from './accountClient';
import { describeError } from './errors';
import { setting } from './settings';

const HOST_IP = { latching: '255.255.255.255', public: '0.0.0.0' } as const;

export class ProxyConnections implements vscode.Disposable {
  private readonly active = new Map<string, ProxyConnection>();
  private readonly changed = new Emitter<string>();
  /** Fires the service id whose proxy connection opened or closed. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly client: AccountClient,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  get(serviceId: string): ProxyConnection | undefined {
    return this.active.get(serviceId);
  }

  /**
   * `reason` explains an automatic fallback in the message the user sees. `hostIp` given by a caller (automation,
   * another extension) is used as is; otherwise the remoteit.proxyHostIp setting decides, asking where needed.
   */
  async connect(service: Service, reason?: string, hostIp?: string): Promise<ProxyConnection | undefined> {
    hostIp ??= await this.hostIp();
    if (!hostIp) return undefined;
    let proxy: ProxyConnection;
    try {
      proxy = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `remote.it: opening a proxy connection to ${service.name}…` },
        () => this.client.connectProxy(service.id, hostIp),
      );
    } catch (err) {
      void vscode.window.showErrorMessage(`remote.it: the proxy connection to ${service.name} failed: ${describeError(err)}`, 'Retry').then((c) => c && this.connect(service));
      return undefined;
    }
    this.active.set(service.id, proxy);
    this.changed.fire(service.id);
    this.log.info(`Proxy connection ${proxy.id} to ${service.name}: ${proxy.address} (expires in ${proxy.timeout}s)`);
    const hours = Math.round((proxy.timeout / 3600) * 10) / 10;
    // Not awaited: the connection exists now; the offer stays on screen.
    void vscode.window
      .showInformationMessage(
        `remote.it: ${reason ? `${reason} ` : ''}${service.name} is reachable through the remote.it proxy at ${proxy.address} for ${hours} h.`,
        'Open',
        'Copy Address',
        'Disconnect',
      )
      .then(async (choice) => {
        if (choice === 'Open') await vscode.env.openExternal(vscode.Uri.parse(proxy.url));
        if (choice === 'Copy Address') await vscode.env.clipboard.writeText(proxy.address);
        if (choice === 'Disconnect') await this.disconnect(service.id);
      });
    return proxy;
  }

  async disconnect(serviceId: string): Promise<void> {
    const proxy = this.active.get(serviceId);
    if (!proxy) return;
    this.active.delete(serviceId);
    this.changed.fire(serviceId);
    try {
      await this.client.disconnectProxy(serviceId, proxy.id);
      this.log.info(`Proxy connection ${proxy.id} closed`);
    } catch (err) {
      this.log.warn(`Closing proxy connection ${proxy.id} failed: ${describeError(err)}`);
    }
  }

  /** hostIP for the connect mutation: latching (first client), one IP, or public after a warning. */
  private async hostIp(): Promise<string | undefined> {
    const mode = setting<'latching' | 'restricted' | 'public'>('proxyHostIp', 'latching');
    if (mode === 'latching') return HOST_IP.latching;
    if (mode === 'public') {
      const ok = 'Make It Public';
      const choice = await vscode.window.showWarningMessage(
        'A public proxy connection can be used by anyone who learns its address.',
        { modal: true, detail: 'Change remoteit.proxyHostIp to "latching" to limit it to the first client.' },
        ok,
      );
      return choice === ok ? HOST_IP.public : undefined;
    }
    return vscode.window.showInputBox({
      title: 'Restrict the proxy connection to one IP address',
      prompt: 'Only this public IP address will be able to use the connection',
      validateInput: (v) => (/^(\d{1,3}\.){3}\d{1,3}$/.test(v.trim()) ? undefined : 'Enter an IPv4 address such as 203.0.113.7'),
    }).then((v) => v?.trim());
  }

  async disconnectAll(): Promise<void> {
    await Promise.all([...this.active.keys()].map((id) => this.disconnect(id)));
  }

  dispose(): void {
    void this.disconnectAll();
    this.changed.dispose();
  }
}
