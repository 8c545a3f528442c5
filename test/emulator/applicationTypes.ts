// remote.it application types as the API lists them (`applicationTypes { id name description port protocol proxy }`).
// `proxy` marks the web types whose cloud-proxy connections are reverse proxies.

export interface ApplicationType {
  id: number;
  name: string;
  description: string;
  port: number | null;
  protocol: 'TCP' | 'UDP';
  proxy: boolean;
}

const tcp = (id: number, name: string, description: string, port: number | null, proxy = false): ApplicationType => ({ id, name, description, port, protocol: 'TCP', proxy });
const udp = (id: number, name: string, description: string, port: number | null): ApplicationType => ({ id, name, description, port, protocol: 'UDP', proxy: false });

export const APPLICATION_TYPES: readonly ApplicationType[] = [
  tcp(1, 'TCP', 'Generic TCP', 0),
  tcp(4, 'VNC', 'VNC remote desktop', 5900),
  tcp(5, 'RDP', 'Remote desktop protocol', 3389),
  tcp(7, 'HTTP', 'HTTP / Web protocol', 80, true),
  tcp(8, 'HTTPS', 'Secure web protocol', 443, true),
  tcp(28, 'SSH', 'Secure shell', 22),
  tcp(29, 'tcp', 'TCP', null),
  tcp(30, 'HTTP', 'HTTP reverse proxy', 80, true),
  tcp(33, 'HTTPS', 'HTTPS reverse proxy', 443, true),
  tcp(34, 'Samba', 'SMB/CIFS', 445),
  tcp(35, 'Bulk Service', 'Device placeholder', 65535),
  tcp(37, 'NxWitness', 'NxWitness', 7001),
  tcp(38, 'Nextcloud', 'Nextcloud', 443, true),
  tcp(39, 'OpenVPN', 'OpenVPN (TCP)', 1194),
  tcp(40, 'MultiPort', 'MultiPort', 65535),
  tcp(41, 'Minecraft', 'Minecraft', 25565),
  tcp(42, 'Admin Panel', 'remote.it admin panel', 29999, true),
  tcp(43, 'Terraria', 'Terraria', 7777),
  tcp(44, 'Redis', 'Redis', null),
  tcp(45, 'MySQL', 'MySQL', null),
  tcp(46, 'PostgreSQL', 'PostgreSQL', null),
  tcp(47, 'Docker API', 'Docker API', null),
  tcp(48, 'ScreenView', 'ScreenView', null),
  tcp(49, 'SOCKS Proxy', 'SOCKS Proxy', null),
  udp(32769, 'UDP', 'Generic UDP', 0),
  udp(32770, 'WireGuard', 'WireGuard', 51820),
  udp(32771, 'Minecraft Bedrock', 'Minecraft Bedrock', 19132),
  udp(32772, 'OpenVPN', 'OpenVPN (UDP)', null),
];

const BY_ID = new Map(APPLICATION_TYPES.map((t) => [t.id, t]));

export function applicationType(id: number): ApplicationType | undefined {
  return BY_ID.get(id);
}

/** The type's name, or "TCP" for ids this table does not know. */
export function applicationName(id: number): string {
  return BY_ID.get(id)?.name ?? 'TCP';
}
