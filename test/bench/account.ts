// The big account every list benchmark uses: the emulator's generated world (10,000 devices × 3 services), as
// the GraphQL API would send it, and as the extension holds it after reading it with the real page reader.
import { applicationType } from '../../src/core/remoteit/applicationTypes';
import { readDevicePage } from '../../src/core/remoteit/graphqlDevices';
import type { Device } from '../../src/core/remoteit/model';
import { generateWorld, type World } from '../emulator/index';

export const DEVICES = 10_000;
export const SERVICES_PER_DEVICE = 3;
export const ACCOUNT_SIZE = `${DEVICES.toLocaleString('en-US')} × ${SERVICES_PER_DEVICE}`;

export function benchWorld(): World {
  return generateWorld({ devices: DEVICES, servicesPerDevice: SERVICES_PER_DEVICE });
}

/** The world's devices in the shape of `login.devices.items` of the Devices query. */
export function graphqlItems(world: World): Record<string, unknown>[] {
  const account = world.accounts[0];
  return world.devices.map((d) => ({
    id: d.id,
    name: d.name,
    state: d.state,
    created: d.created ?? null,
    lastReported: d.lastReported ?? null,
    hardwareId: d.hardwareId ?? null,
    platform: d.platform ?? null,
    owner: { id: account.id, email: account.email },
    services: d.services.map((s) => ({
      id: s.id,
      name: s.name,
      state: s.state,
      title: s.application === null ? null : applicationType(s.application).name,
      application: s.application,
      port: s.port ?? null,
    })),
  }));
}

/** The devices as the extension keeps them (read by the same code that reads API pages). */
export function modelDevices(world: World): Device[] {
  const items = graphqlItems(world);
  return readDevicePage({ login: { devices: { total: items.length, hasMore: false, items } } }).items;
}
