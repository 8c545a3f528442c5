// The demo world (npm run demo, in-host tests, screenshots): one account with a Raspberry Pi whose SSH and
// web services reach real local servers, a lab server, and an offline gateway.
import type { World } from './world';

export const DEMO_ACCOUNT = {
  id: '7E1D2C3B-4A59-4687-9A1B-2C3D4E5F6071',
  email: 'demo@remote.it',
  password: 'demo-password-1',
  authHash: '16509BA77F1AF0FBAA7BBB3B2B992ED90308CAB9',
  /** What connectd signs in as: not the email, as on the real platform. */
  yoicsId: 'demo-yoics-5f1c2e9a',
  /** An access key (R3_ACCESS_KEY_ID / R3_SECRET_ACCESS_KEY) for signed requests. */
  accessKey: { id: 'DEMOKEY0REMOTEIT0EMU', secret: 'ZGVtby1zZWNyZXQtYWNjZXNzLWtleS1mb3ItZW11bGF0b3I=' },
  developerKey: 'remote.it.developertoolsHW9iHnd',
} as const;

/** Service ids of the demo world, by role. */
export const DEMO_SERVICES = {
  ssh: '80:00:00:00:01:00:0A:C2',
  web: '80:00:00:00:01:00:0A:C3',
  vnc: '80:00:00:00:01:00:0A:C4',
  grafana: '80:00:00:00:01:00:0B:C2',
  postgres: '80:00:00:00:01:00:0B:C3',
  cabinSsh: '80:00:00:00:01:00:0C:C2',
} as const;

export function demoWorld(targets: { httpPort: number; sshPort: number }): World {
  const owner = DEMO_ACCOUNT.email;
  const local = (port: number) => ({ host: '127.0.0.1', port });
  return {
    accounts: [
      {
        id: DEMO_ACCOUNT.id,
        email: DEMO_ACCOUNT.email,
        password: DEMO_ACCOUNT.password,
        authHash: DEMO_ACCOUNT.authHash,
        yoicsId: DEMO_ACCOUNT.yoicsId,
        accessKeys: [{ ...DEMO_ACCOUNT.accessKey }],
        developerKey: DEMO_ACCOUNT.developerKey,
      },
    ],
    devices: [
      {
        id: '80:00:00:00:01:00:0A:C0',
        name: 'Office Raspberry Pi',
        state: 'active',
        hardwareId: 'dc:a6:32:19:8b:a3-xWoYf46uJ6QdtPXTloLb',
        platform: 1072,
        created: '2023-03-14T09:26:53.000Z',
        lastReported: '2026-11-20T08:00:00.000Z',
        owner,
        services: [
          { id: DEMO_SERVICES.ssh, name: 'SSH', application: 28, state: 'active', port: 22, target: local(targets.sshPort) },
          { id: DEMO_SERVICES.web, name: 'Web Admin', application: 7, state: 'active', port: 80, target: local(targets.httpPort) },
          { id: DEMO_SERVICES.vnc, name: 'VNC', application: 4, state: 'inactive', port: 5900 },
        ],
      },
      {
        id: '80:00:00:00:01:00:0B:C0',
        name: 'Lab Server',
        state: 'active',
        hardwareId: '52:54:00:12:34:56-Lab0Server0Demo00001',
        platform: 1072,
        created: '2024-06-01T12:00:00.000Z',
        lastReported: '2026-11-20T08:00:00.000Z',
        owner,
        services: [
          { id: DEMO_SERVICES.grafana, name: 'Grafana', application: 7, state: 'active', port: 3000, target: local(targets.httpPort) },
          // Online, but nothing listens behind it: connections fail per tunnel, as with a stopped database.
          { id: DEMO_SERVICES.postgres, name: 'PostgreSQL', application: 46, state: 'active', port: 5432 },
        ],
      },
      {
        id: '80:00:00:00:01:00:0C:C0',
        name: 'Cabin Gateway',
        state: 'inactive',
        hardwareId: 'b8:27:eb:00:00:01-Cabin0Gateway000001',
        platform: 1072,
        created: '2022-08-08T18:30:00.000Z',
        lastReported: '2026-10-02T17:45:00.000Z',
        owner,
        services: [{ id: DEMO_SERVICES.cabinSsh, name: 'SSH', application: 28, state: 'active', port: 22 }],
      },
    ],
    connectd: { connectDelayMs: 500 },
  };
}
