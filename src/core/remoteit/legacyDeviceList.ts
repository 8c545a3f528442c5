// The legacy REST listing `GET /apv/v27/device/list/all` (facts §4a): one flat entry per service, its type
// and port packed in the hex `devicetype`. Used where GraphQL is not available.
import { parseServiceId } from '../untrusted/formats';
import { ApiError } from './errors';
import { DEVICE_PLACEHOLDER_APPLICATION, type OnlineState } from './model';

export interface DeviceType {
  application: number;
  /** Platform code (bytes 8–9, e.g. 0x0460); the mapping to platforms is an inference. */
  platform: number;
  /** Port of the service on the device (bytes 10–11). */
  port: number;
}

/** `00:1E:00:00:00:01:00:00:04:60:00:50:…` → application 30, platform 0x0460, port 80; undefined if not that shape. */
export function decodeDeviceType(hex: string): DeviceType | undefined {
  const bytes = hex.trim().split(':');
  if (bytes.length < 12 || !bytes.every((b) => /^[0-9a-f]{2}$/i.test(b))) return undefined;
  const word = (i: number) => (parseInt(bytes[i], 16) << 8) | parseInt(bytes[i + 1], 16);
  return { application: word(0), platform: word(8), port: word(10) };
}

/** One service row of the legacy listing. It carries no device id: the REST API does not group services. */
export interface LegacyService {
  id: string;
  name: string;
  state: OnlineState;
  application: number;
  port: number | null;
  platform: number;
  /** `servicetitle`, e.g. "SSH" or "Basic Web". */
  title?: string;
  owner?: string;
  lastReported?: string;
  created?: string;
}

/**
 * The services of a `/device/list/all` answer (parsed JSON or its text), without the devices' own
 * "Bulk Service" placeholders. Anything off-shape fails as a whole: never a partial list.
 */
export function parseLegacyDeviceList(json: unknown): LegacyService[] {
  const body = typeof json === 'string' ? parseText(json) : json;
  if (!isRecord(body)) throw malformed('it is not a JSON object');
  if (body.status !== 'true' && body.status !== true) {
    throw new ApiError('rejected', `remote.it refused the device list: ${typeof body.reason === 'string' ? body.reason : 'no reason given'}`);
  }
  if (!Array.isArray(body.devices)) throw malformed('it has no devices list');
  const rows: LegacyService[] = [];
  for (const entry of body.devices) {
    if (!isRecord(entry) || typeof entry.deviceaddress !== 'string' || typeof entry.devicetype !== 'string') {
      throw malformed('an entry has no deviceaddress or devicetype');
    }
    const id = parseServiceId(entry.deviceaddress);
    if (!id) throw malformed(`deviceaddress "${entry.deviceaddress.slice(0, 40)}" is not a remote.it address`);
    const type = decodeDeviceType(entry.devicetype);
    if (!type) throw malformed(`devicetype "${entry.devicetype}" cannot be decoded`);
    if (type.application === DEVICE_PLACEHOLDER_APPLICATION) continue;
    rows.push({
      id,
      name: typeof entry.devicealias === 'string' ? entry.devicealias : id,
      state: entry.devicestate === 'active' ? 'active' : 'inactive',
      application: type.application,
      port: type.port || null,
      platform: type.platform,
      ...optionalString('title', entry.servicetitle),
      ...optionalString('owner', entry.ownerusername),
      ...optionalString('lastReported', entry.lastcontacted),
      ...optionalString('created', entry.createdate),
    });
  }
  return rows;
}

function parseText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw malformed('it is not valid JSON');
  }
}

function malformed(why: string): ApiError {
  return new ApiError('malformed', `remote.it sent a device list this extension cannot read (${why}).`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString<K extends string>(key: K, value: unknown): Partial<Record<K, string>> {
  return typeof value === 'string' && value !== '' ? ({ [key]: value } as Record<K, string>) : {};
}
