// What "open" does for a connected service: SSH through a managed Host alias, web types in a browser, other
// types through their launch URL (`vnc://…`, `postgresql://…`) or, with only a command template, by copying
// the filled command; a type with neither copies its address.
import { applicationType } from '../remoteit/applicationTypes';
import type { ProxyConnection } from '../remoteit/cloudProxy';
import { fillTemplate, launchUrl, UnsafeTemplateValueError, type Templates } from './launchTemplates';
import { sshAlias } from './sshConfig';

export type OpenTarget =
  | { kind: 'ssh'; alias: string; host: string; port: number; user?: string }
  /** An http(s) page. */
  | { kind: 'url'; url: string }
  /** A URL handed to the client application registered for its scheme; `command` is the alternative to copy. */
  | { kind: 'launch'; url: string; command?: string }
  | { kind: 'command'; command: string }
  /** `problem`: why a template of the service could not be used (safe to show). */
  | { kind: 'copy'; text: string; problem?: string };

/** Where the connection listens: connectd's 127.0.0.1:PORT, or a cloud proxy. */
export type Endpoint = { host: string; port: number } | Pick<ProxyConnection, 'host' | 'port' | 'reverseProxy' | 'url' | 'address'>;

export interface OpenInput {
  application: number;
  serviceId: string;
  endpoint: Endpoint;
  /** The service's launch templates (launchTemplates.chooseTemplates). */
  templates: Templates;
  user?: string;
}

export function openTarget({ application, serviceId, endpoint, templates, user }: OpenInput): OpenTarget {
  if ('reverseProxy' in endpoint && endpoint.reverseProxy) return { kind: 'url', url: endpoint.url };
  const { host } = endpoint;
  const port = endpoint.port ?? 0;
  if (applicationType(application).open === 'ssh') return { kind: 'ssh', alias: sshAlias(serviceId), host, port, ...(user ? { user } : {}) };
  const values = { host, port, user };
  const problems: string[] = [];
  const command = templates.command ? filled(templates.command, values, 'command', problems) : undefined;
  const url = templates.url ? filled(templates.url, values, 'url', problems) : undefined;
  const safeUrl = url === undefined ? undefined : launchUrl(url);
  if (url !== undefined && !safeUrl) problems.push('The launch URL does not name a client application (its scheme is not one of http, https, ssh, vnc, rdp, smb or a database).');
  if (safeUrl && /^https?:/.test(safeUrl)) return { kind: 'url', url: safeUrl };
  if (safeUrl) return { kind: 'launch', url: safeUrl, ...(command ? { command } : {}) };
  if (command) return { kind: 'command', command };
  return { kind: 'copy', text: `${host}:${port}`, ...(problems.length ? { problem: problems[0] } : {}) };
}

/** The service's command line with the connection's address filled in, for "Copy Command"; undefined without one. */
export function launchCommand(templates: Templates, endpoint: Endpoint, user?: string): string | undefined {
  if (!templates.command || endpoint.port === null) return undefined;
  return fillTemplate(templates.command, { host: endpoint.host, port: endpoint.port, user }, 'command');
}

function filled(template: string, values: { host: string; port: number; user?: string }, as: 'url' | 'command', problems: string[]): string | undefined {
  try {
    return fillTemplate(template, values, as);
  } catch (err) {
    if (!(err instanceof UnsafeTemplateValueError)) throw err;
    problems.push(err.message);
    return undefined;
  }
}
