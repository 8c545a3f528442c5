// Legacy REST API `apv/v27`: login (password or auth hash), the flat device list, cloud-proxy connect/stop.
// Success and failure bodies follow remote.it's documented samples key for key.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { applicationName } from './applicationTypes';
import { identifyCaller } from './auth';
import { PROXY_TIMEOUT_S } from './cloudProxy';
import { header, parseJson, sendJson } from './httpIo';
import type { EmulatorState } from './state';
import { effectiveState, type Account, type WorldDevice, type WorldService } from './world';

export const REST_PREFIX = '/apv/v27';

const INVALID_LOGIN = { status: 'false', reason: '[0102] The username or password is invalid', code: 'GENERAL_ERROR' };

type Body = Record<string, unknown>;

export async function handleRest(state: EmulatorState, req: IncomingMessage, res: ServerResponse, path: string, raw: Buffer): Promise<void> {
  if (state.world.requireDeveloperKey) {
    const key = header(req, 'developerkey') ?? header(req, 'apikey');
    if (!key || !state.index.isDeveloperKey(key)) {
      sendJson(res, 403, { status: 'false', reason: 'invalid developer key', code: 'GENERAL_ERROR' });
      return;
    }
  }
  const body = (parseJson(raw) ?? {}) as Body;
  const route = `${req.method} ${path}`;
  if (route === 'POST /user/login' || route === 'POST /user/login/authhash') {
    login(state, res, body, path.endsWith('/authhash'));
    return;
  }
  if (!['GET /device/list/all', 'POST /device/connect', 'POST /device/connect/stop'].includes(route)) {
    sendJson(res, 404, { status: 'false', reason: `no such endpoint ${route}` });
    return;
  }
  const caller = await identifyCaller(state.index, req, raw);
  if ('failure' in caller) {
    sendJson(res, 401, { status: 'false', reason: caller.failure });
    return;
  }
  if (route === 'GET /device/list/all') sendJson(res, 200, { devices: state.index.devicesOf(caller.account).flatMap(listEntries), status: 'true' });
  else if (route === 'POST /device/connect') await connect(state, res, caller.account, body);
  else stop(state, res, body);
}

function login(state: EmulatorState, res: ServerResponse, body: Body, withAuthHash: boolean): void {
  const account = typeof body.username === 'string' ? state.index.account(body.username) : undefined;
  const ok =
    account !== undefined &&
    (withAuthHash ? typeof body.authhash === 'string' && body.authhash.toUpperCase() === account.authHash : body.password === account.password);
  if (!account || !ok) {
    sendJson(res, 401, INVALID_LOGIN);
    return;
  }
  sendJson(res, 200, { status: 'true', token: state.issueToken(account), email: account.email, service_authhash: account.authHash });
}

const hex2 = (n: number) => (n & 0xff).toString(16).toUpperCase().padStart(2, '0');
const word = (n: number) => [hex2(n >> 8), hex2(n)];

/** The legacy 16-byte `devicetype`: application type, platform code and port at their documented offsets. */
export function deviceType(application: number, platform: number, port: number): string {
  return [...word(application), '00', '00', '00', '01', '00', '00', ...word(platform), ...word(port), '00', '01', '00', '00'].join(':');
}

/** One entry per service, plus the device's own "Bulk Service" (type 35) placeholder first. */
function listEntries(device: WorldDevice): Record<string, string>[] {
  const placeholder: WorldService = { id: device.id, name: device.name, application: 35, state: device.state, port: 65535, created: device.created, lastReported: device.lastReported };
  return [placeholder, ...device.services].map((service) => {
    const created = service.created ?? device.created ?? '2019-12-20T22:13:46.000Z';
    return {
      createdate: created,
      deviceaddress: service.id,
      devicealias: service.name ?? service.id,
      devicelastip: '127.0.0.1',
      devicestate: effectiveState({ service, device }),
      devicetype: deviceType(service.application ?? 0, device.platform ?? 0x0460, service.port ?? 0),
      georegion: 'Europe',
      lastcontacted: service.lastReported ?? device.lastReported ?? created,
      lastinternalip: '127.0.0.1',
      ownerusername: device.owner,
      servicetitle: service.application === 35 ? 'Bulk Service' : service.application === null ? '' : applicationName(service.application),
      shared: 'not-shared',
    };
  });
}

async function connect(state: EmulatorState, res: ServerResponse, account: Account, body: Body): Promise<void> {
  const entry = typeof body.deviceaddress === 'string' ? state.index.service(body.deviceaddress) : undefined;
  if (!entry || !state.index.mayUse(account, entry.device)) {
    sendJson(res, 200, { status: 'false', reason: '[0861] service not found for UID' });
    return;
  }
  if (effectiveState(entry) !== 'active') {
    sendJson(res, 200, { status: 'false', reason: 'service is offline' });
    return;
  }
  const proxy = await state.proxies.connect(entry, typeof body.hostip === 'string' ? body.hostip : undefined);
  sendJson(res, 200, {
    connection: { deviceaddress: entry.service.id, expirationsec: String(PROXY_TIMEOUT_S), proxy: `http://127.0.0.1:${proxy.listenPort}`, connectionid: proxy.id },
    status: 'true',
  });
}

function stop(state: EmulatorState, res: ServerResponse, body: Body): void {
  const ok = typeof body.deviceaddress === 'string' && typeof body.connectionid === 'string' && state.proxies.disconnect(body.connectionid, body.deviceaddress);
  if (!ok) sendJson(res, 401, { status: 'false', reason: 'connection not found' });
  else sendJson(res, 200, { status: 'true', connectionid: body.connectionid });
}
