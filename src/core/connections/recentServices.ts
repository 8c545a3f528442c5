// The services the user connected most recently (newest first), so short lists (Run Task) can offer them.
import type { KeyValueStore } from './deps';

const KEY = 'remoteit.recentServices';
const LIMIT = 20;

export class RecentServices {
  constructor(private readonly store: KeyValueStore) {}

  list(): string[] {
    const saved = this.store.get<unknown[]>(KEY);
    return Array.isArray(saved) ? saved.filter((id): id is string => typeof id === 'string').slice(0, LIMIT) : [];
  }

  async used(serviceId: string): Promise<void> {
    const list = this.list();
    if (list[0] === serviceId) return;
    await this.store.set(KEY, [serviceId, ...list.filter((id) => id !== serviceId)].slice(0, LIMIT));
  }
}
