// The connections the user asked to keep: restored when VS Code starts again. Every window of this VS Code
// shares the store, so entries are checked again when read, and writes re-read the list first.
import type { KeyValueStore } from './deps';
import { keptChoices, restoredRequest } from './request';
import type { ConnectionRequest } from './types';
import { connectionId } from './types';

const KEY = 'remoteit.connections.keep';

export class KeptConnections {
  constructor(private readonly store: KeyValueStore) {}

  list(): ConnectionRequest[] {
    const saved = this.store.get<unknown[]>(KEY);
    if (!Array.isArray(saved)) return [];
    return saved.map(restoredRequest).filter((r): r is ConnectionRequest => r !== undefined);
  }

  has(id: string): boolean {
    return this.list().some((r) => connectionId(r) === id);
  }

  /** Saves (or replaces) the user's choices for this connection under its id. */
  async keep(request: ConnectionRequest): Promise<void> {
    const id = connectionId(request);
    await this.store.set(KEY, [...this.list().filter((r) => connectionId(r) !== id), keptChoices(request)]);
  }

  async forget(id: string): Promise<void> {
    if (this.has(id)) await this.store.set(KEY, this.list().filter((r) => connectionId(r) !== id));
  }
}
