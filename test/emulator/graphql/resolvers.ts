// Root value for the schema: plain objects whose function fields graphql-js calls with the field arguments.
// Every answer is computed from the live world, so control-endpoint changes show up on the next query.
import { GraphQLError } from 'graphql';
import { applicationName, applicationType, APPLICATION_TYPES } from '../applicationTypes';
import type { EmulatorState } from '../state';
import { effectiveState, type Account, type WorldDevice, type WorldService } from '../world';

export const MAX_PAGE_SIZE = 1000;

interface DevicesArgs {
  size?: number | null;
  from?: number | null;
  name?: string | null;
  state?: string | null;
  sort?: string | null;
  application?: number[] | null;
  hardwareId?: string | null;
  platform?: number[] | null;
  id?: string[] | null;
}

type SortKey = 'id' | 'name' | 'state' | 'created' | 'lastReported';
const SORT_KEYS: readonly SortKey[] = ['id', 'name', 'state', 'created', 'lastReported'];

/** `sort: "name"`, `"-created"`, `"state,name"`: fields in order, `-` for descending. */
function comparator(sort: string): ((a: WorldDevice, b: WorldDevice) => number) | undefined {
  const keys = sort
    .split(',')
    .map((part) => part.trim())
    .map((part) => ({ key: part.replace(/^-/, '') as SortKey, sign: part.startsWith('-') ? -1 : 1 }))
    .filter((k) => SORT_KEYS.includes(k.key));
  if (keys.length === 0) return undefined;
  return (a, b) => {
    for (const { key, sign } of keys) {
      const order = String(a[key] ?? '').localeCompare(String(b[key] ?? ''), 'en', { sensitivity: 'base' });
      if (order !== 0) return sign * order;
    }
    return 0;
  };
}

function filterDevices(devices: WorldDevice[], args: DevicesArgs): WorldDevice[] {
  const name = args.name?.toLowerCase();
  const ids = args.id ? new Set(args.id.map((id) => id.toUpperCase())) : undefined;
  const filtered = devices.filter(
    (d) =>
      (!name || (d.name ?? '').toLowerCase().includes(name)) &&
      (!args.state || d.state === args.state) &&
      (!args.application || d.services.some((s) => s.application !== null && args.application!.includes(s.application))) &&
      (!args.hardwareId || d.hardwareId === args.hardwareId) &&
      (!args.platform || (d.platform !== undefined && args.platform.includes(d.platform))) &&
      (!ids || ids.has(d.id.toUpperCase())),
  );
  const compare = args.sort ? comparator(args.sort) : undefined;
  return compare ? filtered.sort(compare) : filtered;
}

export function rootValue(state: EmulatorState, caller: Account) {
  const { index } = state;
  const usable = (device: WorldDevice | undefined): device is WorldDevice => device !== undefined && index.mayUse(caller, device);
  const reference = (a: Account) => ({ id: a.id, email: a.email });

  const serviceView = (service: WorldService, device: WorldDevice) => {
    const type = service.application === null ? undefined : applicationType(service.application);
    return {
      id: service.id,
      name: service.name,
      state: effectiveState({ service, device }),
      title: service.application === null ? null : applicationName(service.application),
      enabled: service.enabled ?? true,
      application: service.application,
      created: service.created ?? device.created ?? null,
      lastReported: service.lastReported ?? device.lastReported ?? null,
      port: service.port ?? type?.port ?? null,
      host: service.target?.host ?? null,
      type: service.application === null ? null : applicationName(service.application),
      protocol: type?.protocol ?? 'TCP',
      attributes: {},
      access: [],
      device: () => deviceView(device),
    };
  };

  const deviceView = (device: WorldDevice) => {
    const owner = index.account(device.owner);
    return {
      id: device.id,
      name: device.name,
      state: device.state,
      created: device.created ?? null,
      lastReported: device.lastReported ?? null,
      hardwareId: device.hardwareId ?? null,
      platform: device.platform ?? null,
      version: null,
      configurable: false,
      attributes: {},
      access: [],
      owner: owner ? reference(owner) : null,
      services: () => device.services.map((s) => serviceView(s, device)),
    };
  };

  /** `login` (the caller) or `login { account(id:) }` (an organisation the caller is a member of). */
  const userView = (account: Account): Record<string, unknown> => ({
    id: account.id,
    email: account.email,
    authhash: account.authHash,
    yoicsId: account.yoicsId ?? null,
    devices: (args: DevicesArgs) => {
      const size = Math.max(0, Math.min(args.size ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE));
      const from = Math.max(0, args.from ?? 0);
      const all = filterDevices(index.devicesOf(account), args);
      const items = all.slice(from, from + size);
      return { total: all.length, hasMore: from + items.length < all.length, items: items.map(deviceView) };
    },
    device: ({ id }: { id: string[] }) => id.map((d) => index.device(d)).filter(usable).map(deviceView),
    service: ({ id }: { id: string[] }) =>
      id
        .map((s) => index.service(s))
        .filter((e) => e !== undefined && usable(e.device))
        .map((e) => serviceView(e!.service, e!.device)),
    account: ({ id, email }: { id?: string | null; email?: string | null }) => {
      const wanted = (id ?? email ?? '').toLowerCase();
      if (!wanted) return userView(account);
      const found = [caller, ...index.organizationsOf(caller)].find((a) => a.id.toLowerCase() === wanted || a.email.toLowerCase() === wanted);
      return found ? userView(found) : null;
    },
    membership: () =>
      index.organizationsOf(account).map((org) => ({
        created: '2024-01-01T00:00:00.000Z',
        user: reference(account),
        organization: { id: org.id, name: org.organization!.name, created: '2024-01-01T00:00:00.000Z', account: reference(org) },
      })),
  });

  return {
    login: () => userView(caller),
    applicationTypes: () => APPLICATION_TYPES,
    connect: async ({ serviceId, hostIP }: { serviceId: string; hostIP: string; type: string }) => {
      const entry = index.service(serviceId);
      if (!entry || !usable(entry.device)) throw new GraphQLError(`Service ${serviceId} not found`);
      if (effectiveState(entry) !== 'active') throw new GraphQLError(`Service ${serviceId} is offline`);
      return state.proxies.connect(entry, hostIP);
    },
    disconnect: ({ serviceId, connectionId }: { serviceId?: string | null; connectionId: string }) => state.proxies.disconnect(connectionId, serviceId ?? undefined),
  };
}
