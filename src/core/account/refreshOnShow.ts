// Whether the Devices view, shown again, reloads the device list at once: only when the list it shows is older
// than one refresh interval. Showing the view right after sign-in (or after a glance elsewhere) must not load a
// large account a second time.

export interface ShownAgain {
  /** When the list last loaded, in ms; undefined before any load. */
  loadedAt: number | undefined;
  now: number;
  intervalMs: number;
  loading: boolean;
  hasDevices: boolean;
}

export function refreshOnShow({ loadedAt, now, intervalMs, loading, hasDevices }: ShownAgain): boolean {
  if (loading || !hasDevices) return false;
  return loadedAt === undefined || now - loadedAt >= intervalMs;
}
