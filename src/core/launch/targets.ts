// What "open" does for a connected service, from its application type: SSH through a managed Host alias,
// web types in a browser, anything else by copying the address (with the launch the type suggests).
import { applicationType, LAUNCH } from '../remoteit/applicationTypes';
import type { ProxyConnection } from '../remoteit/cloudProxy';
import { sshAlias } from './sshConfig';

export type OpenTarget =
  | { kind: 'ssh'; alias: string; host: string; port: number; user?: string }
  | { kind: 'url'; url: string }
  | { kind: 'copy'; text: string; hint?: string };

/** Where the connection listens: connectd's 127.0.0.1:PORT, or a cloud proxy. */
export type Endpoint = { host: string; port: number } | Pick<ProxyConnection, 'host' | 'port' | 'reverseProxy' | 'url' | 'address'>;

const CLIENT: Partial<Record<string, string>> = { vnc: 'a VNC viewer', rdp: 'a Remote Desktop client', smb: 'your file manager' };

export function openTarget(application: number, endpoint: Endpoint, serviceId: string, user?: string): OpenTarget {
  if ('reverseProxy' in endpoint && endpoint.reverseProxy) return { kind: 'url', url: endpoint.url };
  const { host } = endpoint;
  const port = endpoint.port ?? 0;
  const address = `${host}:${port}`;
  const type = applicationType(application);
  switch (type.open) {
    case 'ssh':
      return { kind: 'ssh', alias: sshAlias(serviceId), host, port, ...(user ? { user } : {}) };
    case 'http':
    case 'https':
      return { kind: 'url', url: fillLaunchTemplate(LAUNCH[type.open], { host, port }) };
    case 'vnc':
    case 'rdp':
    case 'smb':
      return { kind: 'copy', text: address, hint: `Open it with ${CLIENT[type.open]}: ${fillLaunchTemplate(LAUNCH[type.open], { host, port, user })}` };
    case 'copy':
      return { kind: 'copy', text: address };
  }
}

/** remote.it's [username]/[host]/[port] tokens filled in; without a user name, `[username]@` is dropped. */
export function fillLaunchTemplate(template: string, values: { host: string; port: number; user?: string }): string {
  const withUser = values.user ? template.replace(/\[username\]/g, values.user) : template.replace(/\[username\]@/g, '').replace(/-l \[username\] /g, '');
  return withUser.replace(/\[host\]/g, values.host).replace(/\[port\]/g, String(values.port));
}
