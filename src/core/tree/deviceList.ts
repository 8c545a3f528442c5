// What the Devices view shows: filter, online-only, sort and pinned favourites over the loaded account.
// Kept pure so a 10,000-device account can be filtered and diffed in tests without VS Code.
import type { Device, Service } from '../remoteit/model';

export type DeviceSort = 'name' | 'state' | 'lastReported';

export interface DeviceListOptions {
  /** Case-insensitive substring over device and service names; empty = everything. */
  filter: string;
  onlineOnly: boolean;
  sort: DeviceSort;
  favourites: ReadonlySet<string>;
}

export interface DeviceRow {
  device: Device;
  /** The services to show under this device (all of them unless the filter matched only some). */
  services: Service[];
}

export function visibleDevices(devices: readonly Device[], options: DeviceListOptions): DeviceRow[] {
  const needle = options.filter.trim().toLowerCase();
  const pinned: DeviceRow[] = [];
  const rest: DeviceRow[] = [];
  // Walking the list's order for this sort keeps it: favourites first, each part in the chosen order.
  for (const entry of sortedEntries(devices, options.sort)) {
    const { device } = entry.row;
    if (options.onlineOnly && device.state !== 'active') continue;
    let row: DeviceRow | undefined = entry.row;
    if (needle && !entry.name.includes(needle)) {
      const services = device.services.filter((_, i) => entry.serviceNames[i].includes(needle));
      row = services.length > 0 ? { device, services } : undefined;
    }
    if (row) (options.favourites.has(device.id) ? pinned : rest).push(row);
  }
  return pinned.length > 0 ? pinned.concat(rest) : rest;
}

/** A device as a whole row, with its device and service names lower-cased for the filter. */
interface Entry {
  row: DeviceRow;
  name: string;
  serviceNames: string[];
}

/** What is worked out once per loaded list: each device's place in name order, and each sort's order. */
interface ListOrders {
  rank: Map<Device, number>;
  entries: Map<DeviceSort, readonly Entry[]>;
}

const ordersByList = new WeakMap<readonly Device[], ListOrders>();

function listOrders(devices: readonly Device[]): ListOrders {
  const known = ordersByList.get(devices);
  if (known && known.rank.size === devices.length && devices.every((d) => known.rank.has(d))) return known;
  const byName = [...devices].sort((a, b) => collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const orders: ListOrders = { rank: new Map(byName.map((d, i) => [d, i])), entries: new Map() };
  ordersByList.set(devices, orders);
  return orders;
}

/**
 * Every device in the sort's order (then by name), computed once per loaded list and sort: sorting, filtering or
 * starring again only walks it (sorting and lower-casing 10,000 devices each time was most of a redraw).
 */
function sortedEntries(devices: readonly Device[], sort: DeviceSort): readonly Entry[] {
  const orders = listOrders(devices);
  const known = orders.entries.get(sort);
  if (known) return known;
  const keyed = devices.map((device) => ({
    device,
    order: sort === 'state' ? (device.state === 'active' ? 0 : 1) : sort === 'lastReported' ? -reportedAt(device) : 0,
    rank: orders.rank.get(device)!,
  }));
  keyed.sort((a, b) => a.order - b.order || a.rank - b.rank);
  const entries = keyed.map(({ device }) => ({
    row: { device, services: device.services },
    name: device.name.toLowerCase(),
    serviceNames: device.services.map((s) => s.name.toLowerCase()),
  }));
  orders.entries.set(sort, entries);
  return entries;
}

/** When the device last reported, in ms; one that never did (or says nonsense) sorts as the oldest. */
function reportedAt(device: Device): number {
  const at = device.lastReported ? Date.parse(device.lastReported) : NaN;
  return Number.isNaN(at) ? -Infinity : at;
}

// One collator for every comparison: building one per localeCompare call made sorting 10,000 devices ~20× slower.
const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Ids of devices whose own row or services differ between two loads; `membership` when devices came or went. */
export interface DeviceDiff {
  changed: string[];
  membership: boolean;
}

export function diffDevices(previous: readonly Device[], next: readonly Device[]): DeviceDiff {
  const before = new Map(previous.map((d) => [d.id, d]));
  const changed: string[] = [];
  let membership = previous.length !== next.length;
  for (const device of next) {
    const old = before.get(device.id);
    if (!old) {
      membership = true;
      continue;
    }
    if (!sameDevice(old, device)) changed.push(device.id);
  }
  return { changed, membership };
}

function sameDevice(a: Device, b: Device): boolean {
  if (a.name !== b.name || a.state !== b.state || a.lastReported !== b.lastReported) return false;
  if (a.services.length !== b.services.length) return false;
  return a.services.every((s, i) => {
    const t = b.services[i];
    return s.id === t.id && s.name === t.name && s.state === t.state && s.application === t.application && s.port === t.port;
  });
}
