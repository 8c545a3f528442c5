// What the user set once for a service and wants every time: a local port (Set Local Port…) and a route
// (Automatic, Peer-to-peer only, Proxy only). Shared by every window, so values are checked when read.
import { parsePort, parseServiceId } from '../untrusted/formats';
import type { KeyValueStore } from './deps';
import type { ServicePreferences } from './request';

const KEY = 'remoteit.servicePreferences';

/** Automatic: peer-to-peer, with the cloud proxy offered when it cannot reach an online device. */
export type RoutePreference = 'auto' | 'p2p' | 'proxy';

export interface StoredPreferences {
  port?: number;
  route?: RoutePreference;
}

export class ServicePreferenceStore {
  constructor(private readonly store: KeyValueStore) {}

  get(serviceId: string): StoredPreferences {
    const raw = this.all()[serviceId];
    if (typeof raw !== 'object' || raw === null) return {};
    const { port, route } = raw as Record<string, unknown>;
    const out: StoredPreferences = {};
    const validPort = parsePort(port);
    if (validPort !== undefined) out.port = validPort;
    if (route === 'p2p' || route === 'proxy' || route === 'auto') out.route = route;
    return out;
  }

  /** What the request builder takes: the port, and the route when it is not peer-to-peer. */
  forRequest(serviceId: string): ServicePreferences {
    const { port, route } = this.get(serviceId);
    return { ...(port !== undefined ? { port } : {}), ...(route === 'proxy' ? { route: 'proxy' as const } : {}) };
  }

  /** Merged into what is stored now (another window may have written since). `undefined` clears a value. */
  async set(serviceId: string, change: Partial<Record<keyof StoredPreferences, StoredPreferences[keyof StoredPreferences] | undefined>>): Promise<void> {
    if (!parseServiceId(serviceId)) return;
    const all = { ...this.all() };
    const next: Record<string, unknown> = { ...this.get(serviceId), ...change };
    for (const key of Object.keys(next)) if (next[key] === undefined) delete next[key];
    if (Object.keys(next).length === 0) delete all[serviceId];
    else all[serviceId] = next;
    await this.store.set(KEY, all);
  }

  private all(): Record<string, unknown> {
    const saved = this.store.get<unknown>(KEY);
    return typeof saved === 'object' && saved !== null && !Array.isArray(saved) ? (saved as Record<string, unknown>) : {};
  }
}
