// The emulator's world: accounts, devices and services (each service with the real local host:port it
// forwards to). Read from JSON or built in code; the running emulator keeps one mutable copy that the
// control endpoint changes (states, revoked auth hashes).
import { readFileSync } from 'node:fs';
import type { ConnectdBehaviour } from './protocol';

export type OnlineState = 'active' | 'inactive';

export interface AccessKey {
  /** R3_ACCESS_KEY_ID */
  id: string;
  /** R3_SECRET_ACCESS_KEY, base64; the HMAC key is its decoded bytes. */
  secret: string;
}

export interface Account {
  /** The user id (GraphQL `login { id }`). */
  id: string;
  email: string;
  password: string;
  /** `service_authhash`: 40 hex characters, uppercase. */
  authHash: string;
  /** API tokens already issued (the `token` header); each login issues one more. */
  tokens?: string[];
  accessKeys?: AccessKey[];
  /** A developer key valid for REST calls (`developerkey` / `apikey` header). */
  developerKey?: string;
  /** The name connectd signs in with (`login { yoicsId }`); absent, the email is that name. */
  yoicsId?: string;
  /** This account is an organisation: its name, and the emails of members who may list and use its devices. */
  organization?: { name: string; members: string[] };
}

export interface Target {
  host: string;
  port: number;
}

export interface WorldService {
  /** Service address (UID), e.g. 80:00:00:00:01:00:0A:C2. */
  id: string;
  /** null: the API has no name for it (the real schema allows that). */
  name: string | null;
  /** Application type id (28 SSH, 7 HTTP, …); null when the API does not say. */
  application: number | null;
  state: OnlineState;
  /** The port of the service on its device. */
  port?: number | null;
  created?: string;
  lastReported?: string;
  enabled?: boolean;
  /** Where connections to this service really lead. Absent: nothing answers behind the device. */
  target?: Target;
}

export interface WorldDevice {
  id: string;
  /** null: the API has no name for it (the real schema allows that). */
  name: string | null;
  state: OnlineState;
  hardwareId?: string;
  platform?: number;
  created?: string;
  lastReported?: string;
  /** Email of the owning account. */
  owner: string;
  services: WorldService[];
}

export interface World {
  accounts: Account[];
  devices: WorldDevice[];
  /** Pacing of the connectd stand-in (defaults: real-time minutes, 1 s throughput, 30 s uptime lines). */
  connectd?: Partial<ConnectdBehaviour>;
  /** When true, REST calls need a known developer key (`developerkey` or `apikey` header); otherwise the header is ignored. */
  requireDeveloperKey?: boolean;
}

const UID = /^[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){7}$/;
const AUTH_HASH = /^[0-9A-F]{40}$/;

/** A private copy of the world, from an object or a JSON file, checked for the mistakes that would confuse a test. */
export function loadWorld(source: World | string): World {
  const world: World = typeof source === 'string' ? JSON.parse(readFileSync(source, 'utf8')) : structuredClone(source);
  checkWorld(world);
  return world;
}

export function checkWorld(world: World): void {
  const problems = worldProblems(world);
  if (problems.length > 0) throw new Error(`invalid emulator world: ${problems.slice(0, 5).join('; ')}`);
}

function worldProblems(world: World): string[] {
  const problems: string[] = [];
  if (!Array.isArray(world.accounts) || !Array.isArray(world.devices)) return ['accounts and devices must be arrays'];
  const emails = new Set(world.accounts.map((a) => a.email.toLowerCase()));
  for (const a of world.accounts) {
    if (!AUTH_HASH.test(a.authHash)) problems.push(`account ${a.email}: authHash must be 40 uppercase hex characters`);
  }
  const ids = new Set<string>();
  const unique = (id: string) => {
    if (!UID.test(id)) problems.push(`${id}: not a UID like 80:00:00:00:01:00:0A:C2`);
    if (ids.has(id.toUpperCase())) problems.push(`${id}: used twice`);
    ids.add(id.toUpperCase());
  };
  for (const d of world.devices) {
    unique(d.id);
    if (!emails.has(String(d.owner).toLowerCase())) problems.push(`device ${d.name ?? d.id}: owner ${d.owner} is not an account`);
    for (const s of d.services) unique(s.id);
  }
  return problems;
}

export interface ServiceEntry {
  service: WorldService;
  device: WorldDevice;
}

/** Lookups over a world; the world's objects stay the single source of truth (the index holds references). */
export class WorldIndex {
  private readonly services = new Map<string, ServiceEntry>();
  private readonly devices = new Map<string, WorldDevice>();
  private readonly byOwner = new Map<string, WorldDevice[]>();

  constructor(readonly world: World) {
    for (const device of world.devices) this.indexDevice(device);
  }

  /** Adds accounts and devices to the running world (an organisation joining mid-test). */
  add(accounts: Account[], devices: WorldDevice[]): void {
    this.world.accounts.push(...accounts);
    for (const device of devices) {
      this.world.devices.push(device);
      this.indexDevice(device);
    }
  }

  private indexDevice(device: WorldDevice): void {
    this.devices.set(device.id.toUpperCase(), device);
    const owner = device.owner.toLowerCase();
    this.byOwner.set(owner, [...(this.byOwner.get(owner) ?? []), device]);
    for (const service of device.services) this.services.set(service.id.toUpperCase(), { service, device });
  }

  account(email: string): Account | undefined {
    const wanted = email.trim().toLowerCase();
    return this.world.accounts.find((a) => a.email.toLowerCase() === wanted);
  }

  /** The account connectd signs in as `user`: its yoicsId, or its email when it has none. */
  accountByConnectdUser(user: string): Account | undefined {
    const wanted = user.trim().toLowerCase();
    return this.world.accounts.find((a) => (a.yoicsId ? a.yoicsId.toLowerCase() === wanted : a.email.toLowerCase() === wanted));
  }

  /** The organisations `account` is a member of. */
  organizationsOf(account: Account): Account[] {
    const email = account.email.toLowerCase();
    return this.world.accounts.filter((a) => a.organization?.members.some((m) => m.toLowerCase() === email));
  }

  /** Whether `account` may list and connect to `device`: it owns it, or is a member of the organisation that does. */
  mayUse(account: Account, device: WorldDevice): boolean {
    const owner = device.owner.toLowerCase();
    return owner === account.email.toLowerCase() || this.organizationsOf(account).some((org) => org.email.toLowerCase() === owner);
  }

  accountByToken(token: string): Account | undefined {
    return this.world.accounts.find((a) => a.tokens?.includes(token));
  }

  accessKey(id: string): { account: Account; key: AccessKey } | undefined {
    for (const account of this.world.accounts) {
      const key = account.accessKeys?.find((k) => k.id === id);
      if (key) return { account, key };
    }
    return undefined;
  }

  isDeveloperKey(key: string): boolean {
    return this.world.accounts.some((a) => a.developerKey === key);
  }

  device(id: string): WorldDevice | undefined {
    return this.devices.get(id.trim().toUpperCase());
  }

  service(id: string): ServiceEntry | undefined {
    return this.services.get(id.trim().toUpperCase());
  }

  devicesOf(account: Account): WorldDevice[] {
    return this.byOwner.get(account.email.toLowerCase()) ?? [];
  }
}

/** A service is reachable only while both it and its device are online. */
export function effectiveState(entry: ServiceEntry): OnlineState {
  return entry.device.state === 'active' && entry.service.state === 'active' ? 'active' : 'inactive';
}
