// Large, deterministic worlds for paging tests and benchmarks (e.g. 10,000 devices × 3 services).
import type { ConnectdBehaviour } from './protocol';
import type { Account, Target, World, WorldDevice } from './world';

export interface GenerateOptions {
  devices: number;
  /** Default 3. */
  servicesPerDevice?: number;
  /** Overrides for the single account that owns everything. */
  account?: Partial<Account>;
  /** Where every service forwards; absent: nothing answers behind the services. */
  target?: Target;
  /** Every n-th device is offline (default 10; 0 = all online). */
  offlineEvery?: number;
  connectd?: Partial<ConnectdBehaviour>;
}

export const GENERATED_ACCOUNT: Account = {
  id: '0A1B2C3D-0000-4000-8000-000000000001',
  email: 'bench@remote.it',
  password: 'bench-password-1',
  authHash: '5A4B3C2D1E0F5A4B3C2D1E0F5A4B3C2D1E0F5A4B',
  accessKeys: [],
};

const SERVICE_KINDS: readonly { name: string; application: number; port: number }[] = [
  { name: 'SSH', application: 28, port: 22 },
  { name: 'Web', application: 7, port: 80 },
  { name: 'VNC', application: 4, port: 5900 },
  { name: 'PostgreSQL', application: 46, port: 5432 },
  { name: 'RDP', application: 5, port: 3389 },
];

const hex2 = (n: number) => (n & 0xff).toString(16).toUpperCase().padStart(2, '0');

/** The n-th generated UID: 80:00:00:00:01 then n in three bytes. */
export function generatedUid(n: number): string {
  return ['80', '00', '00', '00', '01', hex2(n >> 16), hex2(n >> 8), hex2(n)].join(':');
}

export function generateWorld(opts: GenerateOptions): World {
  const account: Account = { ...GENERATED_ACCOUNT, ...opts.account };
  const perDevice = opts.servicesPerDevice ?? 3;
  const offlineEvery = opts.offlineEvery ?? 10;
  const width = String(opts.devices).length;
  const devices: WorldDevice[] = [];
  for (let i = 0; i < opts.devices; i++) {
    const base = i * (perDevice + 1);
    const created = new Date(Date.UTC(2020, 0, 1) + i * 60_000).toISOString();
    const state = offlineEvery > 0 && i % offlineEvery === offlineEvery - 1 ? 'inactive' : 'active';
    devices.push({
      id: generatedUid(base),
      name: `Device ${String(i + 1).padStart(width, '0')}`,
      state,
      hardwareId: `02:42:ac:${hex2(i >> 16)}:${hex2(i >> 8)}:${hex2(i)}`.toLowerCase(),
      platform: 1072,
      created,
      lastReported: created,
      owner: account.email,
      services: Array.from({ length: perDevice }, (_, k) => {
        const kind = SERVICE_KINDS[k % SERVICE_KINDS.length];
        return {
          id: generatedUid(base + k + 1),
          name: k < SERVICE_KINDS.length ? kind.name : `${kind.name} ${k + 1}`,
          application: kind.application,
          state: 'active' as const,
          port: kind.port,
          created,
          ...(opts.target ? { target: { ...opts.target } } : {}),
        };
      }),
    });
  }
  return { accounts: [account], devices, ...(opts.connectd ? { connectd: opts.connectd } : {}) };
}
