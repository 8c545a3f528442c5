// The Devices view's remembered preferences (filter, online-only, sort, favourites), shared by every window of
// one VS Code through the same storage. Each window applies only its own change to what is stored right then,
// key by key, so a second window never writes back a stale copy over the first window's favourites.
import type { DeviceSort } from './deviceList';

export interface ViewPreferences {
  filter: string;
  onlineOnly: boolean;
  sort: DeviceSort;
  favourites: string[];
}

/** One user action in one window. A favourite is set on or off explicitly, never toggled blindly. */
export type ViewChange =
  | { kind: 'filter'; filter: string }
  | { kind: 'onlineOnly'; onlineOnly: boolean }
  | { kind: 'sort'; sort: DeviceSort }
  | { kind: 'favourite'; deviceId: string; favourite: boolean };

export const DEFAULT_VIEW_PREFERENCES: ViewPreferences = { filter: '', onlineOnly: false, sort: 'name', favourites: [] };

const SORTS: readonly DeviceSort[] = ['name', 'state', 'lastReported'];
/** Far above any real account, yet a bound on what a corrupted store can make every window load. */
const MAX_FAVOURITES = 10_000;
const MAX_FILTER_LENGTH = 200;

/** What is stored, read defensively: anything of the wrong shape falls back to the default for that key. */
export function readViewPreferences(stored: unknown): ViewPreferences {
  const s = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  return {
    filter: typeof s.filter === 'string' ? s.filter.slice(0, MAX_FILTER_LENGTH) : DEFAULT_VIEW_PREFERENCES.filter,
    onlineOnly: typeof s.onlineOnly === 'boolean' ? s.onlineOnly : DEFAULT_VIEW_PREFERENCES.onlineOnly,
    sort: SORTS.includes(s.sort as DeviceSort) ? (s.sort as DeviceSort) : DEFAULT_VIEW_PREFERENCES.sort,
    favourites: Array.isArray(s.favourites) ? [...new Set(s.favourites.filter((f): f is string => typeof f === 'string'))].slice(0, MAX_FAVOURITES) : [],
  };
}

/** `stored` (re-read right before writing) with only `change` applied. */
export function applyViewChange(stored: unknown, change: ViewChange): ViewPreferences {
  const current = readViewPreferences(stored);
  switch (change.kind) {
    case 'filter':
      return { ...current, filter: change.filter.trim().slice(0, MAX_FILTER_LENGTH) };
    case 'onlineOnly':
      return { ...current, onlineOnly: change.onlineOnly };
    case 'sort':
      return { ...current, sort: change.sort };
    case 'favourite': {
      const rest = current.favourites.filter((id) => id !== change.deviceId);
      return { ...current, favourites: change.favourite ? [...rest, change.deviceId] : rest };
    }
  }
}
