// remote.it application types: id → name, default port, tree icon, and what "open" does. The launch URL and
// command of each kind live with the other templates, in launch/launchTemplates.ts.

/** How a connected service is opened: a Remote-SSH window, a browser, or by copying its address. */
export type OpenKind = 'ssh' | 'http' | 'https' | 'vnc' | 'rdp' | 'smb' | 'copy';

export interface ApplicationTypeInfo {
  id: number;
  name: string;
  /** The port the service usually listens on at the device; null when the type has none. */
  defaultPort: number | null;
  /** A VS Code codicon id. */
  icon: string;
  open: OpenKind;
  /** From the API's `applicationTypes` query, when it was asked. */
  description?: string;
  protocol?: string;
  proxy?: boolean;
}

type Row = [id: number, name: string, defaultPort: number | null, icon: string, open: OpenKind];

/** A service whose type the API left empty: shown as such and only ever opened by copying its address. */
export const UNKNOWN_APPLICATION = 0;

// Ports left blank by remote.it's table (44–49, 32772) are the protocols' well-known ports.
const ROWS: Row[] = [
  [UNKNOWN_APPLICATION, 'unknown type', null, 'question', 'copy'],
  [1, 'TCP', null, 'plug', 'copy'],
  [4, 'VNC', 5900, 'device-desktop', 'vnc'],
  [5, 'RDP', 3389, 'remote', 'rdp'],
  [7, 'HTTP', 80, 'globe', 'http'],
  [8, 'HTTPS', 443, 'lock', 'https'],
  [10, 'HTTPS', 443, 'lock', 'https'],
  [28, 'SSH', 22, 'terminal', 'ssh'],
  [29, 'TCP', null, 'plug', 'copy'],
  [30, 'HTTP', 80, 'globe', 'http'],
  [33, 'HTTPS', 443, 'lock', 'https'],
  [34, 'Samba (SMB/CIFS)', 445, 'folder-library', 'smb'],
  [35, 'Bulk Service', 65535, 'server', 'copy'],
  [37, 'NxWitness', 7001, 'device-camera', 'copy'],
  [38, 'Nextcloud', 443, 'cloud', 'http'],
  [39, 'OpenVPN (TCP)', 1194, 'shield', 'copy'],
  [40, 'MultiPort', 65535, 'plug', 'copy'],
  [41, 'Minecraft', 25565, 'game', 'copy'],
  [42, 'Admin Panel', 29999, 'dashboard', 'http'],
  [43, 'Terraria', 7777, 'game', 'copy'],
  [44, 'Redis', 6379, 'database', 'copy'],
  [45, 'MySQL', 3306, 'database', 'copy'],
  [46, 'PostgreSQL', 5432, 'database', 'copy'],
  [47, 'Docker API', 2375, 'package', 'copy'],
  [48, 'ScreenView', null, 'device-desktop', 'copy'],
  [49, 'SOCKS Proxy', 1080, 'plug', 'copy'],
  [32769, 'UDP', null, 'plug', 'copy'],
  [32770, 'WireGuard', 51820, 'shield', 'copy'],
  [32771, 'Minecraft Bedrock', 19132, 'game', 'copy'],
  [32772, 'OpenVPN (UDP)', 1194, 'shield', 'copy'],
];

const TABLE: ReadonlyMap<number, ApplicationTypeInfo> = new Map(
  ROWS.map(([id, name, defaultPort, icon, open]) => [id, { id, name, defaultPort, icon, open }]),
);

/** Every known type, in id order. */
export const APPLICATION_TYPES: readonly ApplicationTypeInfo[] = [...TABLE.values()];

/** The type for `id`; an unknown id is a plain TCP service named `fallbackName` (the API's `title`) if given. */
export function applicationType(id: number, fallbackName?: string): ApplicationTypeInfo {
  return TABLE.get(id) ?? { id, name: fallbackName || `Type ${id}`, defaultPort: null, icon: 'plug', open: 'copy' };
}

