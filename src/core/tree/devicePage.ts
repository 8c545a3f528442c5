// The Devices view lists its devices a page at a time, the last row offering the next page. Every redraw (a sort,
// a filter keystroke, a star, a refresh that adds a device) hands VS Code each listed row; for a 10,000-device
// account that kept the extension host busy ~140 ms per redraw. The filter still searches every device.

export const DEVICES_PER_PAGE = 500;

export interface DevicePage<T> {
  shown: readonly T[];
  /** How many rows are left out (0: the page is the whole list). */
  hidden: number;
}

/** The first `limit` rows. */
export function devicePage<T>(rows: readonly T[], limit: number): DevicePage<T> {
  if (rows.length <= limit) return { shown: rows, hidden: 0 };
  return { shown: rows.slice(0, limit), hidden: rows.length - limit };
}

/** The limit once the user asked for the next page. */
export function nextPageLimit(limit: number): number {
  return limit + DEVICES_PER_PAGE;
}

/** What a page lists, by id, and how many rows it leaves out. */
export interface PageShape {
  ids: readonly string[];
  hidden: number;
}

/** Whether the page lists other rows, the same in another order, or leaves out another number: then it is redrawn. */
export function pageDiffers(before: PageShape, after: PageShape): boolean {
  return before.hidden !== after.hidden || before.ids.length !== after.ids.length || after.ids.some((id, i) => id !== before.ids[i]);
}
