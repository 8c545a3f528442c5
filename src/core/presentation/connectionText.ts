// Words and icons for connections, shared by the status bar, the tree, pickers and the task terminal. Names come
// from whoever shares a device: everything returned for a surface has been made inert with `plain`.
import { isLive as isLiveState, type ConnectionSnapshot } from '../connections/types';
import { plain } from '../untrusted/text';

/** Connections the user thinks of as "on": everything except idle and failed. */
export function liveConnections(all: readonly ConnectionSnapshot[]): ConnectionSnapshot[] {
  return all.filter(isLive);
}

export function isLive(c: ConnectionSnapshot): boolean {
  return isLiveState(c.state);
}

/** Where a client reaches the connection: the local proxy, or the cloud proxy's address. */
export function address(c: ConnectionSnapshot): string | undefined {
  if (c.route === 'proxy') return c.proxy?.address;
  return c.port === undefined ? undefined : `${c.bindAddress === '0.0.0.0' || c.bindAddress === '::' ? '127.0.0.1' : c.bindAddress}:${c.port}`;
}

/** Short state phrase for a tree description or a terminal line. */
export function stateText(c: ConnectionSnapshot): string {
  switch (c.state) {
    case 'ready':
      return c.route === 'proxy' ? `via remote.it proxy ${plain(address(c) ?? '')}` : (address(c) ?? 'connected');
    case 'starting':
      return 'connecting…';
    case 'reconnecting':
      return `reconnecting… (attempt ${c.reconnectAttempt})`;
    case 'stopping':
      return 'disconnecting…';
    case 'failed':
      return `failed: ${plain(c.failure?.message ?? 'unknown error', 300)}`;
    case 'idle':
      return c.failure ? `stopped: ${plain(c.failure.message, 300)}` : '';
  }
}

export interface StatusBarEntry {
  id: string;
  text: string;
  /** Plain-text tooltip lines. */
  tooltip: string[];
  /** A reconnect in progress. */
  warning: boolean;
  /** Failed and not looked at yet. */
  error: boolean;
}

export interface StatusBarLayout {
  /** One item per connection, in a stable order. */
  items: StatusBarEntry[];
  /** Set instead of items when there are more than `maxItems`. */
  summary?: StatusBarEntry;
}

/**
 * One item per live connection (and per failure the user has not seen): `name :PORT`, a spinner while
 * connecting; folded into one summary item above `maxItems`.
 */
export function statusBarLayout(all: readonly ConnectionSnapshot[], maxItems: number, unseenFailures: ReadonlySet<string> = new Set()): StatusBarLayout {
  const shown = all
    .filter((c) => isLive(c) || (c.state === 'failed' && unseenFailures.has(c.id)))
    .sort((a, b) => (a.startedAt ?? 0) - (b.startedAt ?? 0) || a.id.localeCompare(b.id));
  const items = shown.map(statusBarEntry);
  if (items.length <= Math.max(1, maxItems)) return { items };
  const pending = shown.filter((c) => c.state === 'starting' || c.state === 'reconnecting').length;
  const failed = shown.filter((c) => c.state === 'failed').length;
  const icon = failed > 0 ? '$(error)' : pending > 0 ? '$(sync~spin)' : '$(plug)';
  return {
    items: [],
    summary: {
      id: 'summary',
      text: `${icon} ${shown.length} remote.it connections`,
      tooltip: shown.map((c) => `${connectionTitle(c)}: ${connectionDetail(c)}`),
      warning: shown.some((c) => c.state === 'reconnecting'),
      error: failed > 0,
    },
  };
}

function statusBarEntry(c: ConnectionSnapshot): StatusBarEntry {
  const name = plain(c.request.name, 40);
  const icon = c.state === 'failed' ? '$(error)' : c.state === 'ready' ? (c.route === 'proxy' ? '$(cloud)' : '$(plug)') : '$(sync~spin)';
  const where = c.state !== 'ready' ? '' : c.route === 'proxy' ? ` ${plain(c.proxy?.address ?? '', 60)}` : ` :${c.port}`;
  const tooltip = [connectionTitle(c), connectionDetail(c)];
  tooltip.push(c.state === 'failed' ? 'Click for what to do next.' : c.state === 'ready' ? 'Click to open.' : 'Click for its connection.');
  return { id: c.id, text: `${icon} ${name}${where}`, tooltip, warning: c.state === 'reconnecting', error: c.state === 'failed' };
}

/** "Service on Device", inert. */
export function connectionTitle(c: ConnectionSnapshot): string {
  const name = plain(c.request.name);
  return c.request.deviceName && !c.request.name.includes(c.request.deviceName) ? `${name} on ${plain(c.request.deviceName)}` : name;
}

/**
 * The optional "it is ready" notification (remoteit.notifications.connected): "Connected <device> <service> on
 * <address>", the device left out when the service's name already carries it. Inert, like every name here.
 */
export function connectedMessage(c: ConnectionSnapshot): string {
  const device = c.request.deviceName && !c.request.name.includes(c.request.deviceName) ? `${plain(c.request.deviceName)} ` : '';
  const where = address(c);
  return `remote.it: Connected ${device}${plain(c.request.name)}${where ? ` on ${plain(where, 200)}` : ''}`;
}

export function formatRate(bytesPerSecond: number): string {
  if (bytesPerSecond < 1024) return `${bytesPerSecond} B/s`;
  if (bytesPerSecond < 1024 * 1024) return `${(bytesPerSecond / 1024).toFixed(1)} KB/s`;
  return `${(bytesPerSecond / 1024 / 1024).toFixed(1)} MB/s`;
}

/** One line per connection for tooltips and quick picks (throughput left out where it would redraw too often). */
export function connectionDetail(c: ConnectionSnapshot, { throughput = true } = {}): string {
  const parts = [stateText(c)];
  if (throughput && c.throughput) parts.push(`↑ ${formatRate(c.throughput.txBps)} ↓ ${formatRate(c.throughput.rxBps)}`);
  if (c.openTunnels > 0) parts.push(`${c.openTunnels} open`);
  return parts.filter(Boolean).join(' · ');
}
