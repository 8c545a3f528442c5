// The paged device listing: the queries (the signed-in user's own devices, or an organisation's through
// `login { account(id:) }`), and each page checked and turned into the model. The API may leave a name, a
// service's type or an owner's email empty (the schema makes them nullable): such a record is shown with a
// fallback. A record whose id is not a remote.it address is left out, never the whole page.
import { parsePort, parseServiceId } from '../untrusted/formats';
import { UNKNOWN_APPLICATION } from './applicationTypes';
import { ApiError } from './errors';
import { DEVICE_PLACEHOLDER_APPLICATION, type Device, type DevicePage, type OnlineState, type Service } from './model';

/** The API caps a page at 1000 devices. */
export const MAX_PAGE_SIZE = 1000;
/** Paging order: stable across pages, so `from` keeps meaning "devices already read". */
export const DEVICE_SORT = 'name';

const PAGE_SELECTION = `total
      hasMore
      items {
        id name state created lastReported hardwareId platform
        owner { id email }
        services { id name state title application port attributes }
      }`;

const DEVICE_ARGS = 'size: $size, from: $from, name: $name, state: $state, sort: $sort';
const DEVICE_VARIABLES = '$size: Int, $from: Int, $name: String, $state: String, $sort: String!';

export const DEVICES_QUERY = `query Devices(${DEVICE_VARIABLES}) {
  login {
    devices(${DEVICE_ARGS}) {
      ${PAGE_SELECTION}
    }
  }
}`;

export const ACCOUNT_DEVICES_QUERY = `query AccountDevices($account: String!, ${DEVICE_VARIABLES}) {
  login {
    account(id: $account) {
      devices(${DEVICE_ARGS}) {
        ${PAGE_SELECTION}
      }
    }
  }
}`;

type Json = Record<string, unknown>;

/**
 * `data` of a Devices (or AccountDevices, when `accountId` is given) query → one page. Throws 'auth' when there
 * is no signed-in user, 'rejected' when the account is no longer shared, 'malformed' when the page itself is off-shape.
 */
export function readDevicePage(data: Json, accountId?: string): DevicePage {
  if (data.login === null) throw new ApiError('auth', 'remote.it does not recognise this sign-in any more. Sign in again.');
  let holder = record(data.login, 'login');
  if (accountId !== undefined) {
    if (holder.account === null) throw new ApiError('rejected', 'This remote.it account no longer shares its devices with you. Choose another account.');
    holder = record(holder.account, 'login.account');
  }
  const devices = record(holder.devices, 'devices');
  if (typeof devices.total !== 'number' || typeof devices.hasMore !== 'boolean' || !Array.isArray(devices.items)) {
    throw malformed('the device page has no total, hasMore or items');
  }
  const items: Device[] = [];
  let skipped = 0;
  for (const value of devices.items) {
    const device = readDevice(value);
    if (device) items.push(device);
    else skipped++;
  }
  return { total: devices.total, hasMore: devices.hasMore, items, skipped };
}

function readDevice(value: unknown): Device | undefined {
  if (!isRecord(value)) return undefined;
  const id = parseServiceId(value.id);
  if (!id) return undefined;
  const services = Array.isArray(value.services) ? value.services : [];
  const owner = readOwner(value.owner);
  return {
    id,
    name: nonEmpty(value.name) ?? id,
    state: onlineState(value.state),
    ...optional('hardwareId', value.hardwareId),
    ...(typeof value.platform === 'number' ? { platform: value.platform } : {}),
    ...optional('created', value.created),
    ...optional('lastReported', value.lastReported),
    ...(owner ? { owner } : {}),
    services: services.flatMap((s) => readService(s, id) ?? []).filter((s) => s.application !== DEVICE_PLACEHOLDER_APPLICATION),
  };
}

function readService(value: unknown, deviceId: string): Service | undefined {
  if (!isRecord(value)) return undefined;
  const id = parseServiceId(value.id);
  if (!id) return undefined;
  const known = typeof value.application === 'number' && Number.isInteger(value.application) && value.application > 0;
  return {
    id,
    name: nonEmpty(value.name) ?? id,
    state: onlineState(value.state),
    application: known ? (value.application as number) : UNKNOWN_APPLICATION,
    port: parsePort(value.port) ?? null,
    ...(known ? optional('title', value.title) : {}),
    deviceId,
    ...(isRecord(value.attributes) ? { ...optional('launchTemplate', value.attributes.launchTemplate), ...optional('commandTemplate', value.attributes.commandTemplate) } : {}),
  };
}

/** The owner's email, or its id when the API has no email for it. */
function readOwner(value: unknown): Device['owner'] | undefined {
  if (!isRecord(value)) return undefined;
  const id = nonEmpty(value.id);
  if (!id) return undefined;
  return { id, email: nonEmpty(value.email) ?? id };
}

function onlineState(value: unknown): OnlineState {
  return value === 'active' ? 'active' : 'inactive';
}

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function record(value: unknown, what: string): Json {
  if (!isRecord(value)) throw malformed(`${what} is missing`);
  return value;
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function optional<K extends string>(key: K, value: unknown): Partial<Record<K, string>> {
  const text = nonEmpty(value);
  return text ? ({ [key]: text } as Record<K, string>) : {};
}

function malformed(why: string): ApiError {
  return new ApiError('malformed', `remote.it sent a device list this extension cannot read (${why}). Try again later.`);
}
