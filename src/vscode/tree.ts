// The Devices view: devices → services, with live connection state. Nodes are cached by id so targeted
// refreshes (one device, one service) reach the exact element VS Code already shows.
import * as vscode from 'vscode';
import { systemClock } from '../core/clock';
import type { ConnectionManager } from '../core/connections/manager';
import { Coalescer } from '../core/presentation/coalescer';
import type { ConnectionSnapshot } from '../core/connections/types';
import { connectionDetail, isLive, stateText } from '../core/presentation/connectionText';
import { applicationType } from '../core/remoteit/applicationTypes';
import { platformName } from '../core/remoteit/platforms';
import type { Device, Service } from '../core/remoteit/model';
import { visibleDevices, type DeviceListOptions, type DeviceRow } from '../core/tree/deviceList';
import { DrawnRows } from '../core/tree/drawnRows';
import type { DeviceStore } from '../core/account/deviceStore';
import { markdownLiteral, plain } from '../core/untrusted/text';

export interface DeviceNode {
  kind: 'device';
  id: string;
  row: DeviceRow;
}
export interface ServiceNode {
  kind: 'service';
  id: string;
  service: Service;
  deviceName: string;
}
export type TreeNode = DeviceNode | ServiceNode;

export class DevicesTree implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private deviceNodes = new Map<string, DeviceNode>();
  private serviceNodes = new Map<string, ServiceNode>();
  private rows: DeviceRow[] = [];
  private readonly subscriptions: { dispose(): void }[] = [];
  /** Connection changes (throughput every few seconds, or a flood) redraw rows at most twice a second. */
  private readonly serviceRedraws = new Coalescer<string>((ids) => ids.forEach((id) => this.refreshService(id)), 500, systemClock);
  private readonly drawn = new DrawnRows();

  constructor(
    private readonly store: DeviceStore,
    private readonly manager: ConnectionManager,
    private readonly options: () => DeviceListOptions,
  ) {
    this.subscriptions.push(
      store.onDidChange((change) => {
        if (change.membership) return this.refreshAll();
        this.recompute();
        for (const id of change.changed) {
          const node = this.deviceNodes.get(id);
          if (node) this.changed.fire(node);
        }
      }),
      manager.onDidChange((snapshot) => this.serviceRedraws.add(snapshot.request.serviceId)),
    );
  }

  /** A connection changed: its service row and its device row, each only when what it shows changed. */
  private refreshService(serviceId: string): void {
    const node = this.serviceNodes.get(serviceId);
    if (!node) return;
    if (this.drawn.differs(`service:${node.id}`, shown(this.serviceItem(node)))) this.changed.fire(node);
    const device = this.deviceNodes.get(node.service.deviceId);
    if (device && this.drawn.differs(`device:${device.id}`, String(this.liveCount(device.row.device)))) this.changed.fire(device);
  }

  private liveCount(device: Device): number {
    return device.services.filter((s) => {
      const c = this.manager.get(s.id);
      return c !== undefined && isLive(c);
    }).length;
  }

  /** Filter/sort/favourites changed: rebuild the rows and redraw everything. */
  refreshAll(): void {
    this.recompute();
    this.changed.fire(undefined);
  }

  get visibleCount(): number {
    return this.rows.length;
  }

  private recompute(): void {
    this.rows = visibleDevices(this.store.devices, this.options());
    const nextDevices = new Map<string, DeviceNode>();
    for (const row of this.rows) {
      // Keep node identity stable across refreshes; VS Code resolves targeted refreshes by identity.
      const existing = this.deviceNodes.get(row.device.id);
      if (existing) existing.row = row;
      nextDevices.set(row.device.id, existing ?? { kind: 'device', id: row.device.id, row });
    }
    this.deviceNodes = nextDevices;
  }

  getChildren(element?: TreeNode): TreeNode[] {
    if (!element) {
      if (this.rows.length === 0 && this.store.devices.length > 0) this.recompute();
      return this.rows.map((row) => this.deviceNodes.get(row.device.id)!);
    }
    if (element.kind === 'service') return [];
    return element.row.services.map((service) => this.serviceNode(service, element.row.device));
  }

  getParent(element: TreeNode): TreeNode | undefined {
    return element.kind === 'service' ? this.deviceNodes.get(element.service.deviceId) : undefined;
  }

  private serviceNode(service: Service, device: Device): ServiceNode {
    const existing = this.serviceNodes.get(service.id);
    if (existing) {
      existing.service = service;
      existing.deviceName = device.name;
      return existing;
    }
    const node: ServiceNode = { kind: 'service', id: service.id, service, deviceName: device.name };
    this.serviceNodes.set(service.id, node);
    return node;
  }

  getTreeItem(element: TreeNode): vscode.TreeItem {
    if (element.kind === 'device') return this.deviceItem(element);
    const item = this.serviceItem(element);
    this.drawn.record(`service:${element.id}`, shown(item));
    return item;
  }

  private deviceItem(node: DeviceNode): vscode.TreeItem {
    const { device } = node.row;
    const online = device.state === 'active';
    const item = new vscode.TreeItem(plain(device.name || device.id), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `device:${device.id}`;
    const favourite = this.options().favourites.has(device.id);
    // Short, so it is not cut off: the icon says online; the count only when there is more than one service.
    const live = this.liveCount(device);
    this.drawn.record(`device:${device.id}`, String(live));
    const count = device.services.length === 1 ? '' : `${device.services.length} services`;
    const parts = [favourite ? '★' : '', online ? '' : 'offline', live > 0 ? `${live} connected` : count];
    item.description = parts.filter(Boolean).join(' · ');
    item.iconPath = new vscode.ThemeIcon(online ? 'vm-active' : 'vm-outline', new vscode.ThemeColor(online ? 'charts.green' : 'disabledForeground'));
    // Both states are named (menus can only match, not exclude): .favourite / .notFavourite.
    item.contextValue = `rit.device.${online ? 'online' : 'offline'}${favourite ? '.favourite' : '.notFavourite'}`;
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown(`**${markdownLiteral(device.name || device.id)}** — ${online ? 'online' : 'offline'}\n\n`);
    tooltip.appendMarkdown(`- Address: ${markdownLiteral(device.id)}\n- Services: ${device.services.length}\n`);
    if (device.lastReported) tooltip.appendMarkdown(`- Last reported: ${new Date(device.lastReported).toLocaleString()}\n`);
    if (device.platform !== undefined) tooltip.appendMarkdown(`- Platform: ${markdownLiteral(platformName(device.platform))}\n`);
    if (device.owner) tooltip.appendMarkdown(`- Owner: ${markdownLiteral(device.owner.email)}\n`);
    item.tooltip = tooltip;
    return item;
  }

  private serviceItem(node: ServiceNode): vscode.TreeItem {
    const { service } = node;
    const type = applicationType(service.application);
    const connection = this.manager.get(service.id);
    const state = connection?.state ?? 'idle';
    const online = service.state === 'active';
    const item = new vscode.TreeItem(plain(service.name || service.id), vscode.TreeItemCollapsibleState.None);
    item.id = `service:${service.id}`;
    item.description = this.serviceDescription(service, connection, type.name);
    item.iconPath = new vscode.ThemeIcon(
      type.icon,
      new vscode.ThemeColor(state === 'ready' ? 'charts.green' : state === 'failed' ? 'errorForeground' : online ? 'foreground' : 'disabledForeground'),
    );
    // Both states are named (menus can only match, not exclude): .kept / .unkept.
    item.contextValue = `rit.service.${state}.${type.open}${connection?.request.keepConnected ? '.kept' : '.unkept'}`;
    item.tooltip = this.serviceTooltip(node, connection, type.name);
    if (state === 'ready') item.command = { command: 'remoteit.open', title: 'Open', arguments: [node] };
    return item;
  }

  private serviceDescription(service: Service, c: ConnectionSnapshot | undefined, typeName: string): string {
    const kept = c?.request.keepConnected ? ' · kept' : '';
    if (c && (isLive(c) || c.failure)) return `${stateText(c)}${kept}`;
    const port = service.port ? `:${service.port}` : '';
    // The type only when the name does not already say it ("SSH  SSH:22" reads twice).
    const type = service.name.toLowerCase().includes(typeName.toLowerCase()) ? '' : `${typeName} `;
    return `${type}${port} · ${service.state === 'active' ? 'online' : 'offline'}${kept}`.trim();
  }

  private serviceTooltip(node: ServiceNode, c: ConnectionSnapshot | undefined, typeName: string): vscode.MarkdownString {
    const { service } = node;
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`**${markdownLiteral(service.name || service.id)}** on ${markdownLiteral(node.deviceName)}\n\n`);
    md.appendMarkdown(`- Type: ${markdownLiteral(typeName)}${service.port ? ` (remote port ${service.port})` : ''}\n`);
    md.appendMarkdown(`- State: ${service.state === 'active' ? 'online' : 'offline'}\n- Address: ${markdownLiteral(service.id)}\n`);
    // No throughput here: it changes every few seconds, and each change would redraw the row (the status bar has it).
    if (c && c.state !== 'idle') md.appendMarkdown(`- Connection: ${markdownLiteral(connectionDetail(c, { throughput: false }), 400)}\n`);
    if (c?.request.keepConnected) md.appendMarkdown('- Kept connected across restarts\n');
    return md;
  }

  dispose(): void {
    this.serviceRedraws.dispose();
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}

/** What a service row shows, to tell whether a change needs a redraw. */
function shown(item: vscode.TreeItem): string {
  const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : String(item.tooltip ?? '');
  const icon = item.iconPath instanceof vscode.ThemeIcon ? `${item.iconPath.id} ${item.iconPath.color?.id ?? ''}` : '';
  return [item.description, item.contextValue, tooltip, icon, item.command?.command ?? ''].join('\n');
}
