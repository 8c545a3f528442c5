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
  application?: number | null;
  hardwareid?: string | null;
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
      (!name || d.name.toLowerCase().includes(name)) &&
      (!args.state || d.state === args.state) &&
      (args.application == null || d.services.some((s) => s.application === args.application)) &&
      (!args.hardwareid || d.hardwareId === args.hardwareid) &&
      (!args.platform || (d.platform !== undefined && args.platform.includes(d.platform))) &&
      (!ids || ids.has(d.id.toUpperCase())),
  );
  const compare = args.sort ? comparator(args.sort) : undefined;
  return compare ? filtered.sort(compare) : filtered;
}

export function rootValue(state: EmulatorState, account: Account) {
  const owned = (device: WorldDevice | undefined): device is WorldDevice => device?.owner.toLowerCase() === account.email.toLowerCase();

  const serviceView = (service: WorldService, device: WorldDevice) => ({
    id: service.id,
    name: service.name,
    state: effectiveState({ service, device }),
    title: applicationName(service.application),
    enabled: service.enabled ?? true,
    application: service.application,
    created: service.created ?? device.created ?? null,
    lastReported: service.lastReported ?? device.lastReported ?? null,
    port: service.port ?? applicationType(service.application)?.port ?? null,
    host: service.target?.host ?? null,
    type: applicationName(service.application),
    protocol: applicationType(service.application)?.protocol ?? 'TCP',
    license: null,
    attributes: {},
    access: [],
    device: () => deviceView(device),
  });

  const deviceView = (device: WorldDevice) => {
    const owner = state.index.account(device.owner);
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
      license: null,
      attributes: {},
      access: [],
      endpoint: { externalAddress: '127.0.0.1', internalAddress: '127.0.0.1', availability: null, instability: null, quality: null, geo: null },
      owner: owner ? { id: owner.id, email: owner.email } : null,
      services: () => device.services.map((s) => serviceView(s, device)),
    };
  };

  const user = () => ({
    id: account.id,
    email: account.email,
    devices: (args: DevicesArgs) => {
      const size = Math.max(0, Math.min(args.size ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE));
      const from = Math.max(0, args.from ?? 0);
      const all = filterDevices(state.index.devicesOf(account), args);
      const items = all.slice(from, from + size);
      return { total: all.length, hasMore: from + items.length < all.length, items: items.map(deviceView) };
    },
    device: ({ id }: { id: string[] }) => id.map((d) => state.index.device(d)).filter(owned).map(deviceView),
    service: ({ id }: { id: string[] }) =>
      id
        .map((s) => state.index.service(s))
        .filter((e) => e !== undefined && owned(e.device))
        .map((e) => serviceView(e!.service, e!.device)),
    account: ({ id }: { id?: string | null }) => (id == null || id === account.id || id.toLowerCase() === account.email.toLowerCase() ? user() : null),
  });

  return {
    login: user,
    applicationTypes: () => APPLICATION_TYPES,
    connect: async ({ serviceId, hostIP }: { serviceId: string; hostIP?: string | null }) => {
      const entry = state.index.service(serviceId);
      if (!entry || !owned(entry.device)) throw new GraphQLError(`Service ${serviceId} not found`);
      if (effectiveState(entry) !== 'active') throw new GraphQLError(`Service ${serviceId} is offline`);
      return state.proxies.connect(entry, hostIP ?? undefined);
    },
    disconnect: ({ serviceId, connectionId }: { serviceId: string; connectionId: string }) => state.proxies.disconnect(serviceId, connectionId),
  };
}
