// The paged device listing (facts §4b): the query, and its answer checked and turned into the model. A page
// that is off-shape anywhere is rejected whole, so the tree never shows half an answer.
import { ApiError } from './errors';
import { DEVICE_PLACEHOLDER_APPLICATION, type Device, type DevicePage, type OnlineState, type Service } from './model';

/** The API caps a page at 1000 devices. */
export const MAX_PAGE_SIZE = 1000;

export const DEVICES_QUERY = `query Devices($size: Int, $from: Int, $name: String, $state: String) {
  login {
    devices(size: $size, from: $from, name: $name, state: $state) {
      total
      hasMore
      items {
        id name state created lastReported hardwareId platform
        owner { id email }
        services { id name state title application port }
      }
    }
  }
}`;

type Json = Record<string, unknown>;

/** `data` of a Devices query → one page. Throws 'auth' when there is no signed-in user, 'malformed' otherwise. */
export function readDevicePage(data: Json): DevicePage {
  if (data.login === null) throw new ApiError('auth', 'remote.it does not recognise this sign-in any more. Sign in again.');
  const devices = record(record(data.login, 'login').devices, 'login.devices');
  if (typeof devices.total !== 'number' || typeof devices.hasMore !== 'boolean' || !Array.isArray(devices.items)) {
    throw malformed('the device page has no total, hasMore or items');
  }
  return { total: devices.total, hasMore: devices.hasMore, items: devices.items.map(readDevice) };
}

function readDevice(value: unknown): Device {
  const d = record(value, 'device');
  const id = text(d.id, 'device id');
  const services = d.services ?? [];
  if (!Array.isArray(services)) throw malformed(`device ${id} has no services list`);
  const owner = d.owner === null || d.owner === undefined ? undefined : record(d.owner, 'device owner');
  return {
    id,
    name: text(d.name, `name of device ${id}`),
    state: onlineState(d.state),
    ...optional('hardwareId', d.hardwareId),
    ...(typeof d.platform === 'number' ? { platform: d.platform } : {}),
    ...optional('created', d.created),
    ...optional('lastReported', d.lastReported),
    ...(owner ? { owner: { id: text(owner.id, 'owner id'), email: text(owner.email, 'owner email') } } : {}),
    services: services.map((s) => readService(s, id)).filter((s) => s.application !== DEVICE_PLACEHOLDER_APPLICATION),
  };
}

function readService(value: unknown, deviceId: string): Service {
  const s = record(value, `service of device ${deviceId}`);
  const id = text(s.id, `service id on device ${deviceId}`);
  if (typeof s.application !== 'number') throw malformed(`service ${id} has no application type`);
  return {
    id,
    name: text(s.name, `name of service ${id}`),
    state: onlineState(s.state),
    application: s.application,
    port: typeof s.port === 'number' ? s.port : null,
    ...optional('title', s.title),
    deviceId,
  };
}

function onlineState(value: unknown): OnlineState {
  return value === 'active' ? 'active' : 'inactive';
}

function record(value: unknown, what: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw malformed(`${what} is missing`);
  return value as Json;
}

function text(value: unknown, what: string): string {
  if (typeof value !== 'string' || value === '') throw malformed(`${what} is missing`);
  return value;
}

function optional<K extends string>(key: K, value: unknown): Partial<Record<K, string>> {
  return typeof value === 'string' && value !== '' ? ({ [key]: value } as Record<K, string>) : {};
}

function malformed(why: string): ApiError {
  return new ApiError('malformed', `remote.it sent a device list this extension cannot read (${why}). Try again later.`);
}
