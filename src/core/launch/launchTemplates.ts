// Launch templates: how a connected service is launched outside the editor, as remote.it writes them — a URL
// (`vnc://[host]:[port]`) opened by the application registered for its scheme, and a command line
// (`psql -h [host] -p [port] -U [username]`) the user runs. Built-in ones per application type, the user's
// overrides per type, and the account's own per service (`attributes.launchTemplate` / `commandTemplate`).
//
// Templates from settings and from the API are untrusted: each is checked before use (one line, bounded, only
// remote.it's tokens), the values filled in are checked against their formats, and a filled URL is accepted
// only with a scheme that names an outside application (never command:, file:, vscode: or javascript:).
import { parseHostName, parseIpv6, parsePort, parseSshUser } from '../untrusted/formats';
import { safeExternalUrl } from '../untrusted/url';

/** The application kinds that have templates; keys of the remoteit.launchTemplates / commandTemplates settings. */
export const TEMPLATE_TYPES = ['ssh', 'http', 'https', 'vnc', 'rdp', 'smb', 'postgresql', 'mysql', 'mongodb', 'redis', 'docker'] as const;
export type TemplateType = (typeof TEMPLATE_TYPES)[number];

export interface Templates {
  url?: string;
  command?: string;
}

const BUILT_IN: Readonly<Record<TemplateType, Templates>> = {
  ssh: { url: 'ssh://[username]@[host]:[port]', command: 'ssh -l [username] [host] -p [port]' },
  http: { url: 'http://[host]:[port]' },
  https: { url: 'https://[host]:[port]' },
  vnc: { url: 'vnc://[host]:[port]' },
  rdp: { url: 'rdp://full%20address=s%3A[host]%3A[port]', command: 'mstsc /v:[host]:[port]' },
  smb: { url: 'smb://[host]:[port]' },
  postgresql: { url: 'postgresql://[username]@[host]:[port]', command: 'psql -h [host] -p [port] -U [username]' },
  mysql: { url: 'mysql://[username]@[host]:[port]', command: 'mysql -h [host] -P [port] -u [username]' },
  mongodb: { url: 'mongodb://[host]:[port]', command: 'mongosh --host [host] --port [port]' },
  redis: { url: 'redis://[host]:[port]', command: 'redis-cli -h [host] -p [port]' },
  docker: { command: 'docker -H tcp://[host]:[port] ps' },
};

/** remote.it application type ids → template type. */
const BY_APPLICATION: ReadonlyMap<number, TemplateType> = new Map([
  [28, 'ssh'],
  [7, 'http'],
  [30, 'http'],
  [38, 'https'],
  [42, 'http'],
  [8, 'https'],
  [10, 'https'],
  [33, 'https'],
  [4, 'vnc'],
  [5, 'rdp'],
  [34, 'smb'],
  [44, 'redis'],
  [45, 'mysql'],
  [46, 'postgresql'],
  [47, 'docker'],
]);

/** A plain TCP service is known by the port it has on the device (MongoDB has no remote.it type of its own). */
const BY_DEVICE_PORT: ReadonlyMap<number, TemplateType> = new Map([
  [22, 'ssh'],
  [5900, 'vnc'],
  [3389, 'rdp'],
  [445, 'smb'],
  [5432, 'postgresql'],
  [3306, 'mysql'],
  [27017, 'mongodb'],
  [6379, 'redis'],
]);
const GENERIC_TCP = new Set([0, 1, 29]);

/** Schemes a launch URL may have: each hands the address to a client application, none acts inside the editor. */
export const LAUNCH_SCHEMES = ['http', 'https', 'ssh', 'sftp', 'vnc', 'rdp', 'smb', 'postgresql', 'postgres', 'mysql', 'mongodb', 'redis', 'rediss'] as const;

const MAX_TEMPLATE_LENGTH = 1024;
const TOKEN = /\[([a-z]+)\]/gi;
const KNOWN_TOKENS = new Set(['host', 'port', 'username']);

export function templateType(application: number, devicePort?: number | null): TemplateType | undefined {
  return BY_APPLICATION.get(application) ?? (GENERIC_TCP.has(application) && devicePort ? BY_DEVICE_PORT.get(devicePort) : undefined);
}

/** Why a template cannot be used, or undefined when it can. */
export function templateProblem(template: unknown): string | undefined {
  if (typeof template !== 'string' || template.trim() === '') return 'is not a text';
  if (template.length > MAX_TEMPLATE_LENGTH) return `is longer than ${MAX_TEMPLATE_LENGTH} characters`;
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(template)) return 'contains a line break or control character';
  const unknown = [...template.matchAll(TOKEN)].map((m) => m[1]).find((t) => !KNOWN_TOKENS.has(t.toLowerCase()));
  if (unknown !== undefined) return `uses [${unknown}]; only [host], [port] and [username] are filled in`;
  return undefined;
}

export interface TemplateOverrides {
  /** Valid overrides by type. */
  templates: Partial<Record<TemplateType, string>>;
  /** One line per entry that was left out, safe to show. */
  problems: string[];
}

/** A remoteit.launchTemplates / commandTemplates value: only known types with valid templates are kept. */
export function readTemplateOverrides(value: unknown, setting: string): TemplateOverrides {
  const out: TemplateOverrides = { templates: {}, problems: [] };
  if (value === undefined || value === null) return out;
  if (typeof value !== 'object' || Array.isArray(value)) {
    out.problems.push(`${setting} must be an object of application type → template; it was ignored.`);
    return out;
  }
  for (const [key, template] of Object.entries(value)) {
    const type = TEMPLATE_TYPES.find((t) => t === key.toLowerCase());
    if (!type) {
      out.problems.push(`${setting}: "${key.slice(0, 40)}" is not one of ${TEMPLATE_TYPES.join(', ')}; ignored.`);
      continue;
    }
    const problem = templateProblem(template);
    if (problem) out.problems.push(`${setting}.${type} ${problem}; the built-in template is used.`);
    else out.templates[type] = template as string;
  }
  return out;
}

/** The account's own templates from a service's attributes, when they are usable. */
export function serviceTemplates(attributes: unknown): Templates {
  if (typeof attributes !== 'object' || attributes === null) return {};
  const { launchTemplate, commandTemplate } = attributes as Record<string, unknown>;
  return {
    ...(templateProblem(launchTemplate) ? {} : { url: launchTemplate as string }),
    ...(templateProblem(commandTemplate) ? {} : { command: commandTemplate as string }),
  };
}

export interface TemplateSources {
  /** The service's own, from the account. */
  service?: Templates;
  /** The user's remoteit.launchTemplates / commandTemplates. */
  urls?: Partial<Record<TemplateType, string>>;
  commands?: Partial<Record<TemplateType, string>>;
}

/** The templates a service launches with: the account's own first, then the user's per type, then the built-in ones. */
export function chooseTemplates(type: TemplateType | undefined, sources: TemplateSources = {}): Templates {
  const builtIn = type ? BUILT_IN[type] : {};
  const url = sources.service?.url ?? (type && sources.urls?.[type]) ?? builtIn.url;
  const command = sources.service?.command ?? (type && sources.commands?.[type]) ?? builtIn.command;
  return { ...(url ? { url } : {}), ...(command ? { command } : {}) };
}

export function needsUser(template: string | undefined): boolean {
  return template !== undefined && /\[username\]/i.test(template);
}

export interface FillValues {
  host: string;
  port: number;
  user?: string;
}

/** A value that must not be filled into a template; its message is safe to show. */
export class UnsafeTemplateValueError extends Error {}

/**
 * The template with remote.it's tokens filled in from checked values. Without a user name, `[username]@` and an
 * option that takes it (`-l [username]`, `--user=[username]`) are dropped. Throws UnsafeTemplateValueError when a
 * value is not of its format.
 */
export function fillTemplate(template: string, values: FillValues, as: 'url' | 'command'): string {
  const problem = templateProblem(template);
  if (problem) throw new UnsafeTemplateValueError(`The launch template ${problem}.`);
  const host = parseHostName(values.host);
  if (!host) throw new UnsafeTemplateValueError('The address to launch is not a host name or IP address.');
  const port = parsePort(values.port);
  if (port === undefined) throw new UnsafeTemplateValueError('The port to launch is not a TCP port (1–65535).');
  const user = values.user === undefined || values.user === '' ? undefined : parseSshUser(values.user);
  if (values.user && !user) throw new UnsafeTemplateValueError('The user name is not a valid login name (letters, digits, _ . - @).');
  // An IPv6 address needs brackets inside a URL (and not in a command line's -h).
  const hostText = as === 'url' && parseIpv6(host) ? `[${host}]` : host;
  const withoutUser = user ? template : template.replace(/\[username\]@/gi, '').replace(/\s*-{1,2}[a-z][a-z-]*[ =]\[username\]/gi, '');
  return withoutUser.replace(TOKEN, (whole, token: string) => {
    const name = token.toLowerCase();
    if (name === 'host') return hostText;
    if (name === 'port') return String(port);
    if (name === 'username') return as === 'url' ? encodeURIComponent(user ?? '') : (user ?? '');
    return whole;
  });
}

/** A filled launch URL when its scheme is one of LAUNCH_SCHEMES (and it is well-formed); undefined otherwise. */
export function launchUrl(filled: string): string | undefined {
  return safeExternalUrl(filled, LAUNCH_SCHEMES);
}
