// Which services "Run Task" lists: a short, useful set — live and kept connections, recently used services,
// favourite devices' services (in the account's order) — never one task per service of an account that can
// hold thousands. The short lists' ids are looked up in the account's index, so the cost follows them, not
// the size of the account.
import type { ConnectionSnapshot } from '../connections/types';
import type { Device, Service } from '../remoteit/model';

/**
 * About a screenful of the Run Task picker. Each fetch of the task list (Run Task, or any extension asking for
 * tasks) has the workbench give every listed task an id and carries the tasks both ways: measured in code-server,
 * 50 tasks added ~20 ms to a fetch, 30 ~15 ms.
 */
export const MAX_TASKS = 30;

export interface TaskCandidate {
  serviceId: string;
  label: string;
}

/** The loaded account by id (the device store keeps it up to date with each new device list). */
export interface AccountIndex {
  service(id: string): Service | undefined;
  device(id: string): Device | undefined;
  /** The device's place in the account's list. */
  position(deviceId: string): number | undefined;
}

export function taskCandidates(
  account: AccountIndex,
  connections: readonly ConnectionSnapshot[],
  favourites: ReadonlySet<string>,
  recent: readonly string[],
): TaskCandidate[] {
  const out = new Map<string, TaskCandidate>();
  const add = (serviceId: string, label: string) => {
    if (out.size < MAX_TASKS && !out.has(serviceId)) out.set(serviceId, { serviceId, label });
  };
  const withFile = (c: ConnectionSnapshot) => c.request.provisioningFile === undefined;
  for (const c of connections.filter(withFile).filter((c) => c.state !== 'idle' || c.request.keepConnected)) {
    add(c.request.serviceId, c.request.deviceName ? `${c.request.deviceName} – ${c.request.name}` : c.request.name);
  }
  for (const id of recent) {
    const service = account.service(id);
    const device = service && account.device(service.deviceId);
    if (service && device) add(id, label(device, service));
  }
  const placed = [...favourites].flatMap((id) => {
    const device = account.device(id);
    return device ? [{ device, position: account.position(id)! }] : [];
  });
  for (const { device } of placed.sort((a, b) => a.position - b.position)) {
    if (out.size >= MAX_TASKS) break;
    for (const service of device.services) add(service.id, label(device, service));
  }
  return [...out.values()];
}

function label(device: Device, service: Service): string {
  return `${device.name || device.id} – ${service.name || service.id}`;
}
