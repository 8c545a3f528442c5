// Which services "Run Task" lists: a short, useful set — live and kept connections, favourite devices'
// services, recently used ones — never one task per service of an account that can hold thousands.
import type { ConnectionSnapshot } from '../connections/types';
import type { Device } from '../remoteit/model';

export const MAX_TASKS = 50;

export interface TaskCandidate {
  serviceId: string;
  label: string;
}

export function taskCandidates(
  devices: readonly Device[],
  connections: readonly ConnectionSnapshot[],
  favourites: ReadonlySet<string>,
  recent: readonly string[],
): TaskCandidate[] {
  const out = new Map<string, TaskCandidate>();
  const add = (serviceId: string, label: string) => {
    if (out.size < MAX_TASKS && !out.has(serviceId)) out.set(serviceId, { serviceId, label });
  };
  const labelled = new Map<string, string>();
  const wanted = new Set(recent);
  for (const device of devices) {
    const favourite = favourites.has(device.id);
    for (const service of device.services) {
      if (favourite || wanted.has(service.id)) labelled.set(service.id, `${device.name || device.id} – ${service.name || service.id}`);
    }
  }
  const withFile = (c: ConnectionSnapshot) => c.request.provisioningFile === undefined;
  for (const c of connections.filter(withFile).filter((c) => c.state !== 'idle' || c.request.keepConnected)) {
    add(c.request.serviceId, c.request.deviceName ? `${c.request.deviceName} – ${c.request.name}` : c.request.name);
  }
  for (const id of recent) if (labelled.has(id)) add(id, labelled.get(id)!);
  for (const [id, label] of labelled) add(id, label);
  return [...out.values()];
}
