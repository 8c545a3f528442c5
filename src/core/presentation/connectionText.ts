// Words and icons for connection states, shared by the status bar, the tree and the task terminal.
import type { ConnectionSnapshot } from '../connections/types';

/** Connections the user thinks of as "on": everything except idle and failed. */
export function liveConnections(all: readonly ConnectionSnapshot[]): ConnectionSnapshot[] {
  return all.filter((c) => c.state !== 'idle' && c.state !== 'failed');
}

export function address(c: ConnectionSnapshot): string | undefined {
  return c.port === undefined ? undefined : `${c.bindAddress === '0.0.0.0' ? '127.0.0.1' : c.bindAddress}:${c.port}`;
}

/** Short state phrase for a tree description or a terminal line. */
export function stateText(c: ConnectionSnapshot): string {
  switch (c.state) {
    case 'ready':
      return address(c) ?? 'connected';
    case 'starting':
      return 'connecting…';
    case 'reconnecting':
      return `reconnecting… (attempt ${c.reconnectAttempt})`;
    case 'stopping':
      return 'disconnecting…';
    case 'failed':
      return `failed: ${c.failure?.message ?? 'unknown error'}`;
    case 'idle':
      return c.failure ? `stopped: ${c.failure.message}` : '';
  }
}

export interface StatusBarText {
  text: string;
  /** True when something needs attention (a reconnect in progress). */
  warning: boolean;
}

/** The single status bar item: hidden (undefined) with no live connection. */
export function statusBarText(all: readonly ConnectionSnapshot[]): StatusBarText | undefined {
  const live = liveConnections(all);
  if (live.length === 0) return undefined;
  if (live.length === 1) {
    const c = live[0];
    const icon = c.state === 'ready' ? '$(plug)' : '$(sync~spin)';
    const detail = c.state === 'ready' ? address(c) : stateText(c);
    return { text: `${icon} ${c.request.name} ${detail}`, warning: c.state === 'reconnecting' };
  }
  const pending = live.filter((c) => c.state !== 'ready').length;
  const icon = pending > 0 ? '$(sync~spin)' : '$(plug)';
  return { text: `${icon} ${live.length} remote.it connections`, warning: live.some((c) => c.state === 'reconnecting') };
}

export function formatRate(bytesPerSecond: number): string {
  if (bytesPerSecond < 1024) return `${bytesPerSecond} B/s`;
  if (bytesPerSecond < 1024 * 1024) return `${(bytesPerSecond / 1024).toFixed(1)} KB/s`;
  return `${(bytesPerSecond / 1024 / 1024).toFixed(1)} MB/s`;
}

/** One line per connection for tooltips and quick picks. */
export function connectionDetail(c: ConnectionSnapshot): string {
  const parts = [stateText(c)];
  if (c.throughput) parts.push(`↑ ${formatRate(c.throughput.txBps)} ↓ ${formatRate(c.throughput.rxBps)}`);
  if (c.openTunnels > 0) parts.push(`${c.openTunnels} open`);
  return parts.filter(Boolean).join(' · ');
}
