// The Devices view's list work (src/core/tree/deviceList.ts) over a 10,000-device account: what one tree
// refresh or keystroke in the filter costs, and comparing two loads to find what changed.
import { diffDevices, visibleDevices, type DeviceListOptions } from '../../src/core/tree/deviceList';
import type { Device } from '../../src/core/remoteit/model';
import { ACCOUNT_SIZE, benchWorld, modelDevices } from './account';
import { measure, type Row, type Section } from './measure';

/** Lists loaded afresh for timing a first sort (each is sorted once, then its order is known). */
const FRESH_LISTS = 10;
const BASE: DeviceListOptions = { filter: '', onlineOnly: false, sort: 'name', favourites: new Set() };

/** A second load of the same account: fresh objects (as from JSON), `changed` devices went offline. */
function reload(devices: readonly Device[], changed: number): Device[] {
  const next = JSON.parse(JSON.stringify(devices)) as Device[];
  const step = Math.floor(next.length / Math.max(changed, 1));
  for (let i = 0; i < changed; i++) {
    const d = next[i * step];
    d.state = d.state === 'active' ? 'inactive' : 'active';
  }
  return next;
}

export const deviceListSection: Section = {
  title: `2. Devices view: visibleDevices / diffDevices (${ACCOUNT_SIZE})`,
  async run() {
    const devices = modelDevices(benchWorld());
    // The order a GraphQL answer has is not the view's order: start from a shuffled copy, as sorting must.
    const shuffled = [...devices].reverse();
    const favourites = new Set(devices.filter((_, i) => i % 50 === 0).map((d) => d.id));
    const view = (name: string, options: Partial<DeviceListOptions>, size = ACCOUNT_SIZE): Promise<Row> => {
      const full = { ...BASE, ...options };
      const shown = visibleDevices(shuffled, full).length;
      return measure(`visibleDevices, ${name} → ${shown.toLocaleString('en-US')} rows`, () => visibleDevices(shuffled, full), { size, warmup: 2 });
    };
    const same = reload(devices, 0);
    const hundredChanged = reload(devices, 100);
    const diffRow = (name: string, next: Device[]): Promise<Row> => {
      const changed = diffDevices(devices, next).changed.length;
      return measure(`diffDevices, ${name} → ${changed} changed`, () => diffDevices(devices, next), { size: `2 × ${ACCOUNT_SIZE}`, warmup: 2 });
    };

    const firstSort = (): Promise<Row> => {
      const fresh = Array.from({ length: FRESH_LISTS + 1 }, () => reload(devices, 0).reverse());
      let next = 0;
      return measure(`visibleDevices, first sort of a newly loaded list → ${ACCOUNT_SIZE.split(' ')[0]} rows`, () => visibleDevices(fresh[next++], BASE), {
        size: ACCOUNT_SIZE,
        warmup: 1,
        maxIterations: FRESH_LISTS,
      });
    };

    return {
      rows: [
        await view('empty filter, sort by name', {}),
        await view('name filter "device 07"', { filter: 'device 07' }),
        await view('service filter "vnc"', { filter: 'vnc' }),
        await view('no match "zzz"', { filter: 'zzz' }),
        await view('online only', { onlineOnly: true }),
        await view(`${favourites.size} favourites pinned`, { favourites }),
        await view('sort by last reported', { sort: 'lastReported' }),
        // Each sort's order is worked out once per loaded list; the rows above reuse it. A list just loaded (fresh
        // objects, as every refresh brings) pays for it on its first sort:
        await firstSort(),
        await diffRow('identical reload', same),
        await diffRow('reload with 100 devices changed', hundredChanged),
      ],
    };
  },
};
