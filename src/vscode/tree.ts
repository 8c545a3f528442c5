// The Devices view: devices → services, with live connection state. Nodes are cached by id so targeted
// refreshes (one device, one service) reach the exact element VS Code already shows.
import * as vscode from 'vscode';
import { systemClock } from '../core/clock';
import type { ConnectionManager } from '../core/connections/manager';
import { Coalescer } from '../core/presentation/coalescer';
import { isLive } from '../core/presentation/connectionText';
import type { Device, Service } from '../core/remoteit/model';
import { visibleDevices, type DeviceListOptions, type DeviceRow } from '../core/tree/deviceList';
import { DrawnRows } from '../core/tree/drawnRows';
import { devicePage, DEVICES_PER_PAGE, nextPageLimit, pageDiffers } from '../core/tree/devicePage';
import { deviceRow, deviceTooltip, moreRow, moreTooltip, serviceRow, serviceTooltip, type RowContent } from '../core/tree/rowContent';
import type { DeviceStore } from '../core/account/deviceStore';
import { INTERNAL_COMMANDS } from '../commandIds';
import { markDeviceRowsServed } from '../userTimings';

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
/** The last row when devices are left out: a click shows the next page. */
export interface MoreNode {
  kind: 'more';
  id: 'more';
  hidden: number;
}
export type TreeNode = DeviceNode | ServiceNode | MoreNode;

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
  /** How many devices the view lists (a page more per click on its last row); the filter searches them all. */
  private limit = DEVICES_PER_PAGE;
  private readonly more: MoreNode = { kind: 'more', id: 'more', hidden: 0 };
  /** The root's last row: once VS Code has asked for its item, the view's rows have reached it. */
  private lastRow: TreeNode | undefined;

  constructor(
    private readonly store: DeviceStore,
    private readonly manager: ConnectionManager,
    private readonly options: () => DeviceListOptions,
  ) {
    this.subscriptions.push(
      store.onDidChange((change) => {
        if (change.membership) return this.refreshAll();
        // A device that changed may move in the order, into or out of the page: then the whole page is redrawn.
        if (this.recompute()) return this.changed.fire(undefined);
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
    if (this.drawn.differs(`service:${node.id}`, this.serviceShown(node))) this.changed.fire(node);
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

  /** The "Show more" row was clicked: list the next page of devices. */
  showMore(): void {
    this.limit = nextPageLimit(this.limit);
    this.refreshAll();
  }

  get visibleCount(): number {
    return this.rows.length;
  }

  /**
   * Rebuilds the rows, and the nodes of those on the page (VS Code knows no others). Says whether the page now
   * lists other devices, or the same in another order, or leaves out another number.
   */
  private recompute(): boolean {
    const before = { ids: [...this.deviceNodes.keys()], hidden: this.more.hidden };
    this.rows = visibleDevices(this.store.devices, this.options());
    const page = devicePage(this.rows, this.limit);
    const nextDevices = new Map<string, DeviceNode>();
    for (const row of page.shown) {
      // Keep node identity stable across refreshes; VS Code resolves targeted refreshes by identity.
      const existing = this.deviceNodes.get(row.device.id);
      if (existing) existing.row = row;
      nextDevices.set(row.device.id, existing ?? { kind: 'device', id: row.device.id, row });
    }
    this.deviceNodes = nextDevices;
    this.more.hidden = page.hidden;
    const lastDevice = page.shown[page.shown.length - 1];
    this.lastRow = page.hidden > 0 ? this.more : lastDevice && nextDevices.get(lastDevice.device.id);
    return pageDiffers(before, { ids: [...nextDevices.keys()], hidden: page.hidden });
  }

  getChildren(element?: TreeNode): TreeNode[] {
    if (!element) {
      if (this.rows.length === 0 && this.store.devices.length > 0) this.recompute();
      const nodes: TreeNode[] = [...this.deviceNodes.values()];
      if (this.more.hidden > 0) nodes.push(this.more);
      if (nodes.length === 0) markDeviceRowsServed();
      return nodes;
    }
    if (element.kind !== 'device') return [];
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
    // VS Code turns the root's rows into items in order, right after getChildren: the last one ends a redraw.
    if (element === this.lastRow) markDeviceRowsServed();
    if (element.kind === 'device') {
      const { device } = element.row;
      const live = this.liveCount(device);
      this.drawn.record(`device:${device.id}`, String(live));
      const content = deviceRow(device, { favourite: this.options().favourites.has(device.id), live });
      return treeItem(`device:${device.id}`, content, vscode.TreeItemCollapsibleState.Collapsed, element);
    }
    if (element.kind === 'more') {
      const item = treeItem('more', moreRow(element.hidden), vscode.TreeItemCollapsibleState.None, element);
      item.command = { command: INTERNAL_COMMANDS.showMoreDevices, title: 'Show more devices' };
      return item;
    }
    const content = this.serviceContent(element);
    this.drawn.record(`service:${element.id}`, this.serviceShown(element, content));
    return treeItem(`service:${element.id}`, content, vscode.TreeItemCollapsibleState.None, element);
  }

  /** The tooltip, when the pointer rests on a row: left out of getTreeItem, it is not sent with every redraw. */
  resolveTreeItem(item: vscode.TreeItem, element: TreeNode): vscode.TreeItem {
    item.tooltip = new vscode.MarkdownString(this.tooltipOf(element));
    return item;
  }

  private tooltipOf(element: TreeNode): string {
    switch (element.kind) {
      case 'device':
        return deviceTooltip(element.row.device);
      case 'service':
        return this.serviceTooltip(element);
      case 'more':
        return moreTooltip(element.hidden);
    }
  }

  private serviceContent(node: ServiceNode): RowContent {
    return serviceRow(node.service, this.manager.get(node.service.id));
  }

  private serviceTooltip(node: ServiceNode): string {
    return serviceTooltip(node.service, node.deviceName, this.manager.get(node.service.id));
  }

  /** Everything a service row shows, its tooltip included, to tell whether a change needs a redraw. */
  private serviceShown(node: ServiceNode, c = this.serviceContent(node)): string {
    return [c.label, c.description, c.contextValue, c.icon.id, c.icon.color, c.opens, this.serviceTooltip(node)].join('\n');
  }

  dispose(): void {
    this.serviceRedraws.dispose();
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}

function treeItem(id: string, content: RowContent, collapsible: vscode.TreeItemCollapsibleState, node: TreeNode): vscode.TreeItem {
  const item = new vscode.TreeItem(content.label, collapsible);
  item.id = id;
  item.description = content.description;
  item.iconPath = new vscode.ThemeIcon(content.icon.id, new vscode.ThemeColor(content.icon.color));
  item.contextValue = content.contextValue;
  if (content.opens) item.command = { command: 'remoteit.open', title: 'Open', arguments: [node] };
  return item;
}
