// The world of the large-account journey: only the emulator, serving one generated account with thousands of
// devices (nothing needs to answer behind their services).
import * as path from 'node:path';
import { generateWorld, GENERATED_ACCOUNT, startEmulator, STANDIN_ENV } from '../emulator';
import { CONNECTD_STANDIN } from '../support/fixtures';
import type { E2eWorld } from './harness';

export interface LargeWorldFixture {
  account: { email: string; password: string };
  devices: number;
  /** Device names sorted as the Devices view sorts by name (generated names are zero-padded). */
  firstDeviceName: string;
  /** The first device by name (online) and the next one. */
  firstDevice: { id: string; name: string };
  secondDeviceName: string;
  /** remote.it reports the device offline from now on. */
  takeOffline(deviceId: string): void;
  /** A device to filter for, its address and the names of its services. */
  sample: { name: string; id: string; services: string[] };
}

export async function startLargeWorld(runDir: string, devices: number, servicesPerDevice: number, sampleIndex: number): Promise<E2eWorld<LargeWorldFixture>> {
  const world = generateWorld({ devices, servicesPerDevice });
  const sample = world.devices[sampleIndex];
  const emulator = await startEmulator({ world });
  return {
    fixture: {
      account: { email: GENERATED_ACCOUNT.email, password: GENERATED_ACCOUNT.password },
      devices,
      firstDeviceName: world.devices[0].name ?? world.devices[0].id,
      firstDevice: { id: world.devices[0].id, name: world.devices[0].name ?? world.devices[0].id },
      secondDeviceName: world.devices[1].name ?? world.devices[1].id,
      takeOffline: (deviceId) => emulator.state.setDeviceState(deviceId, 'inactive'),
      sample: { name: sample.name ?? sample.id, id: sample.id, services: sample.services.map((s) => s.name ?? s.id) },
    },
    settings: {
      'remoteit.apiUrl': emulator.url,
      'remoteit.connectd.path': CONNECTD_STANDIN,
      'remoteit.ssh.configFile': path.join(runDir, 'ssh_config'),
    },
    env: { [STANDIN_ENV]: emulator.url },
    close: () => emulator.close(),
  };
}
