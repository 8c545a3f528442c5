// The connections the user asked to keep: restored when VS Code starts again.
import type { KeyValueStore } from './deps';
import type { ConnectionRequest } from './types';
import { connectionId } from './types';

const KEY = 'remoteit.connections.keep';

export class KeptConnections {
  constructor(private readonly store: KeyValueStore) {}

  list(): ConnectionRequest[] {
    const saved = this.store.get<ConnectionRequest[]>(KEY);
    return Array.isArray(saved) ? saved.filter((r) => r && typeof r.serviceId === 'string') : [];
  }

  has(id: string): boolean {
    return this.list().some((r) => connectionId(r) === id);
  }

  /** Saves (or replaces) the request under its connection id. */
  async keep(request: ConnectionRequest): Promise<void> {
    const id = connectionId(request);
    await this.store.set(KEY, [...this.list().filter((r) => connectionId(r) !== id), { ...request, keepConnected: true }]);
  }

  async forget(id: string): Promise<void> {
    if (this.has(id)) await this.store.set(KEY, this.list().filter((r) => connectionId(r) !== id));
  }
}
