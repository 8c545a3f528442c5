// The one place a connection request is built, for every way in: the tree, the palette, a task (tasks.json or
// Run Task), a reopened Remote-SSH window, a restored kept connection, the proxy fallback. Inputs are
// untrusted (tasks.json belongs to the repository, saved state to every window), so each value is checked here
// and a bad one becomes a sentence the user reads, never a request.
import { parseIpAddress, parseIpv4, parsePort, parseServiceId } from '../untrusted/formats';
import type { ConnectionRequest, Route } from './types';

/** What the account says about the service, when the service is in the loaded account. */
export interface ServiceInfo {
  id: string;
  name: string;
  deviceName?: string;
  application?: number;
}

/** What the user chose for this one connection (a task's properties, the proxy prompt's answer, …). */
export interface ConnectChoices {
  route?: Route;
  port?: unknown;
  bindAddress?: unknown;
  name?: unknown;
  hostIp?: unknown;
  provisioningFile?: unknown;
  keepConnected?: boolean;
}

/** What the user set for a service once and wants every time (Set Local Port…, Route). */
export interface ServicePreferences {
  port?: number;
  route?: Route;
}

export type BuiltRequest = { ok: true; request: ConnectionRequest } | { ok: false; problem: string };

const MAX_LABEL = 200;
/** C0/C1 controls, DEL and the Unicode line/paragraph separators: each starts a new line on some surface. */
const CONTROLS = /[\0-\x1f\x7f-\x9f\u2028\u2029]+/g;

/**
 * `serviceId` is the service to reach; `service` its account record when loaded (names, type). Explicit
 * choices win over the service's preferences.
 */
export function buildRequest(serviceId: unknown, service: ServiceInfo | undefined, choices: ConnectChoices = {}, prefs: ServicePreferences = {}): BuiltRequest {
  const file = choices.provisioningFile;
  if (file !== undefined) return fileRequest(file, choices);
  const id = parseServiceId(serviceId);
  if (!id) return { ok: false, problem: `"${preview(serviceId)}" is not a remote.it service address (like 80:00:00:00:01:00:0A:C2).` };

  const request: ConnectionRequest = { serviceId: id, name: labelOf(choices.name) ?? labelOf(service?.name) ?? id };
  const deviceName = labelOf(service?.deviceName);
  if (deviceName) request.deviceName = deviceName;
  const application = service?.application;
  if (typeof application === 'number' && Number.isInteger(application) && application >= 0) request.application = application;
  const route = choices.route ?? prefs.route;
  if (route === 'proxy') request.route = 'proxy';

  const problem = applyLocalChoices(request, { ...choices, port: choices.port ?? prefs.port });
  if (problem) return { ok: false, problem };
  if (choices.hostIp !== undefined) {
    const hostIp = parseIpv4(choices.hostIp);
    if (!hostIp) return { ok: false, problem: `"${preview(choices.hostIp)}" is not an IPv4 address for the remote.it proxy.` };
    request.hostIp = hostIp;
  }
  if (choices.keepConnected !== undefined) request.keepConnected = choices.keepConnected;
  return { ok: true, request };
}

/** What a kept connection saves: the user's choices, so restoring it reads the settings of that day. */
export function keptChoices(request: ConnectionRequest): ConnectionRequest {
  const saved: ConnectionRequest = { serviceId: request.serviceId, name: request.name, keepConnected: true };
  for (const key of ['deviceName', 'application', 'route', 'port', 'bindAddress', 'hostIp', 'provisioningFile'] as const) {
    if (request[key] !== undefined) (saved as unknown as Record<string, unknown>)[key] = request[key];
  }
  return saved;
}

/** A request saved by any window (shared storage), checked again before it is used. */
export function restoredRequest(saved: unknown): ConnectionRequest | undefined {
  if (typeof saved !== 'object' || saved === null) return undefined;
  const s = saved as Record<string, unknown>;
  const built = buildRequest(
    s.serviceId,
    { id: typeof s.serviceId === 'string' ? s.serviceId : '', name: typeof s.name === 'string' ? s.name : '', deviceName: typeof s.deviceName === 'string' ? s.deviceName : undefined, application: typeof s.application === 'number' ? s.application : undefined },
    {
      route: s.route === 'proxy' ? 'proxy' : undefined,
      port: s.port,
      // Older versions copied the bind address setting into every request; only a real choice is kept.
      bindAddress: typeof s.bindAddress === 'string' && s.bindAddress !== '127.0.0.1' ? s.bindAddress : undefined,
      hostIp: s.hostIp,
      provisioningFile: s.provisioningFile,
      keepConnected: true,
    },
  );
  return built.ok ? built.request : undefined;
}

function fileRequest(file: unknown, choices: ConnectChoices): BuiltRequest {
  if (typeof file !== 'string' || !file.trim() || new RegExp(CONTROLS.source).test(file) || file.length > 4096) {
    return { ok: false, problem: 'The task\'s "file" is not a path to a provisioning file.' };
  }
  const request: ConnectionRequest = { serviceId: file, name: labelOf(choices.name) ?? file, provisioningFile: file };
  const problem = applyLocalChoices(request, choices);
  if (problem) return { ok: false, problem };
  if (choices.keepConnected !== undefined) request.keepConnected = choices.keepConnected;
  return { ok: true, request };
}

/** The local end (port, bind address) of either kind of request; returns what is wrong, if anything. */
function applyLocalChoices(request: ConnectionRequest, choices: ConnectChoices): string | undefined {
  if (choices.port !== undefined) {
    const port = parsePort(choices.port);
    if (port === undefined) return `"${preview(choices.port)}" is not a local port (1–65535).`;
    request.port = port;
  }
  if (choices.bindAddress !== undefined) {
    const bind = parseIpAddress(choices.bindAddress);
    if (!bind) return `"${preview(choices.bindAddress)}" is not an IP address to bind the proxy to.`;
    request.bindAddress = bind;
  }
  return undefined;
}

/** Labels are shown in many places: one line, bounded; display-time neutralising happens in the surfaces. */
function labelOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const line = value.replace(CONTROLS, ' ').trim();
  return line ? line.slice(0, MAX_LABEL) : undefined;
}

/** The value as the user wrote it; JSON for anything else, since `{"toString": null}` cannot be turned into a string. */
function preview(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'string' ? value : (JSON.stringify(value) ?? typeof value);
  } catch {
    text = typeof value;
  }
  return text.replace(CONTROLS, ' ').slice(0, 60);
}
