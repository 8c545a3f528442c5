// A second account with thousands of devices in the test world, for paging through the real extension.
import { generateWorld } from '../emulator/generateWorld';
import type { World } from '../emulator/index';

export const LARGE_ACCOUNT = { email: 'paging@remote.it', password: 'paging-password-1', authHash: '2B3C4D5E6F708192A3B4C5D6E7F8091A2B3C4D5E' };

/** Adds LARGE_ACCOUNT owning `devices` generated devices (3 services each) to `world`, on UIDs no demo device uses. */
export function withLargeAccount(world: World, devices: number): World {
  const large = generateWorld({ devices, account: { ...LARGE_ACCOUNT, id: '0A1B2C3D-0000-4000-8000-0000000000AA' } });
  // Generated UIDs start 80:00:00:00:01 like the demo's; move them to 80:00:00:00:0F so none collide.
  const moved = (uid: string) => uid.replace(/^80:00:00:00:01:/, '80:00:00:00:0F:');
  return {
    ...world,
    accounts: [...world.accounts, ...large.accounts],
    devices: [
      ...world.devices,
      ...large.devices.map((d) => ({ ...d, id: moved(d.id), services: d.services.map((s) => ({ ...s, id: moved(s.id) })) })),
    ],
  };
}
