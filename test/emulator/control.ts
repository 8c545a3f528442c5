// The control endpoint (loopback only, under /__control): scripts faults for tests. Every route takes POST
// with a JSON body (counters also answer GET):
//   /service/offline {id}   /service/online {id}   /device/offline {id}   /device/online {id}
//   /service/drop-peers {id}          → {sessions, proxies}  (connectd sessions and cloud-proxy clients cut)
//   /service/p2p-fail {id, fail?}     peer-to-peer sessions to it fail (connectd exit 021) until fail:false
//   /account/revoke-authhash {email}  → {authHash}  (the new one; the old stops working)
//   /account/revoke-tokens {email}    its API tokens stop working
//   /faults {kind: slow|429|500|malformed, count?, delayMs?, retryAfter?}   /faults/clear
//   /counters → CounterSnapshot        /counters/reset
//   /proxy/host {host?}               cloud-proxy connects answer this host (any text) until called without one
//   /world/add {accounts?, devices?}  accounts (organisations: organization = {name, members}) and devices join
//   /developer-key {required}         REST sign-in needs a known developer key (or not)
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson, parseJson } from './httpIo';
import type { FaultPlan } from './faults';
import { UnknownEntityError, type EmulatorState } from './state';
import { plainAddress } from './tcpRelay';
import type { Account, WorldDevice } from './world';

export const CONTROL_PREFIX = '/__control';

type Args = Record<string, unknown>;
type Action = (state: EmulatorState, args: Args) => unknown;

const text = (args: Args, key: string): string => {
  const value = args[key];
  if (typeof value !== 'string' || value === '') throw new TypeError(`"${key}" (a string) is required`);
  return value;
};

const ACTIONS: Record<string, Action> = {
  '/service/offline': (s, a) => s.setServiceState(text(a, 'id'), 'inactive'),
  '/service/online': (s, a) => s.setServiceState(text(a, 'id'), 'active'),
  '/device/offline': (s, a) => s.setDeviceState(text(a, 'id'), 'inactive'),
  '/device/online': (s, a) => s.setDeviceState(text(a, 'id'), 'active'),
  '/service/drop-peers': (s, a) => s.dropPeers(text(a, 'id')),
  '/service/p2p-fail': (s, a) => s.setP2pFailure(text(a, 'id'), a.fail !== false),
  '/account/revoke-authhash': (s, a) => ({ authHash: s.revokeAuthHash(text(a, 'email')) }),
  '/account/revoke-tokens': (s, a) => s.revokeTokens(text(a, 'email')),
  '/faults': (s, a) => s.faults.add(a as unknown as FaultPlan),
  '/faults/clear': (s) => s.faults.clear(),
  '/counters': (s) => s.counters.snapshot(s.sessions.count),
  '/counters/reset': (s) => s.counters.reset(),
  '/world/add': (s, a) => s.addToWorld(Array.isArray(a.accounts) ? (a.accounts as Account[]) : [], Array.isArray(a.devices) ? (a.devices as WorldDevice[]) : []),
  '/developer-key': (s, a) => {
    s.world.requireDeveloperKey = a.required === true;
  },
  '/proxy/host': (s, a) => {
    s.proxies.hostOverride = typeof a.host === 'string' ? a.host : undefined;
  },
};

export function isLoopback(address: string | undefined): boolean {
  const plain = plainAddress(address);
  return plain === '::1' || plain.startsWith('127.');
}

export function handleControl(state: EmulatorState, req: IncomingMessage, res: ServerResponse, path: string, raw: Buffer): void {
  if (!isLoopback(req.socket.remoteAddress)) {
    sendJson(res, 403, { error: 'the control endpoint answers loopback clients only' });
    return;
  }
  const action = ACTIONS[path];
  if (!action || !(req.method === 'POST' || (req.method === 'GET' && path === '/counters'))) {
    sendJson(res, 404, { error: `no control action ${req.method} ${path}`, actions: Object.keys(ACTIONS) });
    return;
  }
  const args = parseJson(raw);
  try {
    const result = action(state, args && typeof args === 'object' ? (args as Args) : {});
    sendJson(res, 200, { ok: true, ...(result && typeof result === 'object' ? result : {}) });
  } catch (err) {
    sendJson(res, err instanceof UnknownEntityError ? 404 : 400, { error: err instanceof Error ? err.message : String(err) });
  }
}
