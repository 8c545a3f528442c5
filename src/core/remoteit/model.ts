// The remote.it account model as the extension sees it (shapes from the GraphQL device/service selection).

export type OnlineState = 'active' | 'inactive';

export interface Service {
  /** Service address (UID), e.g. "80:00:00:00:01:00:0A:C2". */
  id: string;
  name: string;
  state: OnlineState;
  /** Application type id (28 = SSH, 7/30 = HTTP, 8/33 = HTTPS, …); 0 when the API does not say. */
  application: number;
  /** Port of the service on the target device. */
  port: number | null;
  /** Application type name as the API reports it (e.g. "SSH"), when known. */
  title?: string;
  deviceId: string;
  /** The account's own launch URL and command line for this service (its `attributes`), unchecked. */
  launchTemplate?: string;
  commandTemplate?: string;
}

export interface Device {
  id: string;
  name: string;
  state: OnlineState;
  hardwareId?: string;
  platform?: number;
  created?: string;
  lastReported?: string;
  owner?: { id: string; email: string };
  services: Service[];
}

export interface DevicePage {
  total: number;
  hasMore: boolean;
  items: Device[];
  /** Records of the page left out because their id is not a remote.it address. */
  skipped: number;
}

/** Application type 35 ("Bulk Service") is a device's own placeholder entry, never listed as a service. */
export const DEVICE_PLACEHOLDER_APPLICATION = 35;
