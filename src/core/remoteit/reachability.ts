// Whether remote.it can reach a service at all: the service must be active and its device not offline.
import type { Device, Service } from './model';

/** A service the API lists as active is still unreachable when its device is offline. */
export function serviceOnline(service: Service, device: Device | undefined): boolean {
  return service.state === 'active' && device?.state !== 'inactive';
}
