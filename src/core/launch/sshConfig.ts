// SSH config text for Remote-SSH: one `Host remoteit-<service>` block per SSH service in an include file this
// extension owns, and an `Include` of that file at the very top of the user's config — an Include after a Host
// line would only apply inside that Host. HostKeyAlias keeps the device's host key stable while its local port
// changes. The user's own lines are never rewritten.
//
// ssh reads the include file for every connection the user makes, so nothing but validated values ever reaches
// it: each block is rendered from checked data, and reading the file back keeps only blocks of that exact shape
// (a planted `Host *` or an extra `ProxyCommand` line is dropped on the next write).
import * as path from 'node:path';
import { parseHostName, parsePort, parseServiceId, parseSshUser } from '../untrusted/formats';

export interface SshHost {
  alias: string;
  port: number;
  user?: string;
  /** Where the tunnel listens; 127.0.0.1 for connectd, a proxy host for cloud-proxy connections. */
  hostName?: string;
}

/** A value that must not reach the ssh config; its message says which one and is safe to show. */
export class UnsafeSshValueError extends Error {}

export const INCLUDE_FILE_HEADER = [
  '# remote.it Connect for VS Code manages this file: one Host per SSH service it connected.',
  '# Edits here are overwritten; put your own options in your ssh config instead.',
];
const ALIAS = /^remoteit-(?:[0-9a-f]{2}-){7}[0-9a-f]{2}$/;

/** `80:00:00:00:01:00:0A:C2` → `remoteit-80-00-00-00-01-00-0a-c2`: lower case, since authorities are lowercased on restore. */
export function sshAlias(serviceId: string): string {
  const id = parseServiceId(serviceId);
  if (!id) throw new UnsafeSshValueError('The service address is not a remote.it address (8 hex bytes separated by colons).');
  return `remoteit-${id.toLowerCase().replace(/:/g, '-')}`;
}

/** Whether `alias` has the shape of the Host names this extension writes. */
export function isManagedAlias(alias: string): boolean {
  return ALIAS.test(alias);
}

/**
 * The service behind a Remote-SSH authority such as `ssh-remote+remoteit-80-00-00-00-01-00-0a-c2`, so a window
 * reopened from "Recent" can have its connection started before Remote-SSH resolves it. Undefined otherwise.
 */
export function serviceIdOfAuthority(authority: string): string | undefined {
  const match = /^ssh-remote\+remoteit-((?:[0-9a-f]{2}-){7}[0-9a-f]{2})$/i.exec(authority.trim());
  return match ? match[1].toUpperCase().replace(/-/g, ':') : undefined;
}

/** The host with every value checked against its format; throws UnsafeSshValueError naming the bad one. */
export function checkedHost(host: SshHost): SshHost {
  if (!isManagedAlias(host.alias)) throw new UnsafeSshValueError('The ssh host alias is not one this extension manages.');
  const port = parsePort(host.port);
  if (port === undefined) throw new UnsafeSshValueError(`The port is not a TCP port (1–65535).`);
  const hostName = host.hostName === undefined ? undefined : parseHostName(host.hostName);
  if (host.hostName !== undefined && !hostName) throw new UnsafeSshValueError('The host to connect to is not a valid host name or IP address.');
  const user = host.user === undefined || host.user === '' ? undefined : parseSshUser(host.user);
  if (host.user && !user) throw new UnsafeSshValueError('The SSH user name is not a valid login name (letters, digits, _ . - @).');
  return { alias: host.alias, port, ...(user ? { user } : {}), ...(hostName ? { hostName } : {}) };
}

export function renderHostBlock(host: SshHost): string[] {
  const checked = checkedHost(host);
  return [
    `Host ${checked.alias}`,
    `  HostName ${checked.hostName ?? '127.0.0.1'}`,
    `  Port ${checked.port}`,
    ...(checked.user ? [`  User ${checked.user}`] : []),
    `  HostKeyAlias ${checked.alias}`,
    '  CheckHostIP no',
    '  ServerAliveInterval 15',
  ];
}

/** The hosts the include file holds: only blocks of exactly the shape renderHostBlock writes, with valid values. */
export function readIncludeFile(text: string): SshHost[] {
  const hosts = new Map<string, SshHost>();
  let block: Map<string, string> | undefined;
  let valid = false;
  const finish = () => {
    const host = block && valid ? managedHost(block) : undefined;
    if (host) hosts.set(host.alias, host);
  };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const [keyword, ...values] = line.split(/\s+/);
    const key = keyword.toLowerCase();
    if (key === 'host' || key === 'match') {
      finish();
      block = new Map([['host', values.join(' ')]]);
      valid = key === 'host' && values.length === 1;
    } else if (block) {
      // A repeated, unknown or multi-valued option marks the block as not ours.
      if (values.length !== 1 || block.has(key) || !OPTIONS.has(key)) valid = false;
      else block.set(key, values[0]);
    }
    // Lines before the first Host are not ours either: dropped.
  }
  finish();
  return [...hosts.values()];
}

/** The options renderHostBlock writes, with the fixed values some of them must have. */
const OPTIONS = new Map<string, ((value: string, block: Map<string, string>) => boolean) | undefined>([
  ['hostname', undefined],
  ['port', undefined],
  ['user', undefined],
  ['hostkeyalias', (value, block) => value === block.get('host')],
  ['checkhostip', (value) => value === 'no'],
  ['serveraliveinterval', (value) => value === '15'],
]);

function managedHost(block: Map<string, string>): SshHost | undefined {
  for (const [key, check] of OPTIONS) if (check && !check(block.get(key) ?? '', block)) return undefined;
  const alias = block.get('host') ?? '';
  const hostName = block.get('hostname');
  const port = parsePort(block.get('port'));
  const user = block.get('user');
  if (!hostName || !port) return undefined;
  try {
    return checkedHost({ alias, hostName, port, ...(user ? { user } : {}) });
  } catch {
    return undefined;
  }
}

export function renderIncludeFile(hosts: readonly SshHost[]): string {
  return [...INCLUDE_FILE_HEADER, ...hosts.flatMap((h) => ['', ...renderHostBlock(h)])].join('\n') + '\n';
}

/** The include file with `host`'s block added, or replaced in place if it was there. */
export function upsertHostBlock(includeText: string, host: SshHost): string {
  const wanted = checkedHost(host);
  const hosts = readIncludeFile(includeText);
  const at = hosts.findIndex((h) => h.alias === wanted.alias);
  if (at >= 0) hosts[at] = wanted;
  else hosts.push(wanted);
  return renderIncludeFile(hosts);
}

/** The include file with the Port of `alias` changed; without such a block, the file as it would be rewritten. */
export function updateHostPort(includeText: string, alias: string, port: number): string {
  const hosts = readIncludeFile(includeText);
  return renderIncludeFile(hosts.map((h) => (h.alias === alias ? checkedHost({ ...h, port }) : h)));
}

/** The include file with only the blocks whose alias `keep` accepts. */
export function retainHostBlocks(includeText: string, keep: (alias: string) => boolean): string {
  return renderIncludeFile(readIncludeFile(includeText).filter((h) => keep(h.alias)));
}

export function removeHostBlock(includeText: string, alias: string): string {
  return retainHostBlocks(includeText, (a) => a !== alias);
}

/** The port an alias uses now, if the include file has it. */
export function hostPort(includeText: string, alias: string): number | undefined {
  return readIncludeFile(includeText).find((h) => h.alias === alias)?.port;
}

/** The line the user's ssh config needs at its top (quoted when the path has spaces; forward slashes always). */
export function includeDirective(includePath: string): string {
  const wanted = sshPath(includePath);
  return `Include ${/\s/.test(wanted) ? `"${wanted}"` : wanted}`;
}

/**
 * The user's ssh config with `Include <includePath>` as its first lines, under a comment saying `what` it brings. Unchanged when such an Include already
 * comes before any Host or Match line, spelled absolute, with `~/`, relative to ~/.ssh as ssh resolves it, or as
 * a glob that matches the file; otherwise ours is put at the top and the rest kept as is.
 */
export function ensureInclude(userConfigText: string, includePath: string, home: string, what = 'hosts of connected remote.it SSH services'): string {
  const wanted = resolveIncludePath(includePath, home);
  const eol = userConfigText.includes('\r\n') ? '\r\n' : '\n';
  const lines = userConfigText.split(/\r?\n/);
  for (const line of lines) {
    if (/^\s*(Host|Match)(\s|=)/i.test(line)) break;
    const include = /^\s*Include(?:\s+|\s*=\s*)(.*)$/i.exec(line);
    if (include && splitArguments(include[1]).some((arg) => globMatches(resolveIncludePath(arg, home), wanted))) return userConfigText;
  }
  const rest = userConfigText === '' ? '' : `${eol}${userConfigText}`;
  return `# remote.it Connect for VS Code: ${what}${eol}${includeDirective(includePath)}${eol}${rest}`;
}

/** An Include argument as ssh reads it from a user config: `~` is the home directory, relative is under ~/.ssh. */
function resolveIncludePath(arg: string, home: string): string {
  const p = sshPath(arg);
  const homeDir = sshPath(home);
  const absolute = p === '~' ? homeDir : p.startsWith('~/') ? `${homeDir}/${p.slice(2)}` : isAbsolute(p) ? p : `${homeDir}/.ssh/${p}`;
  return path.posix.normalize(absolute);
}

/**
 * Whether an Include pattern names `file` as ssh expands it with glob(3): `*` and `?` within one path
 * component, `[…]` classes (`!` negates), and no wildcard matching a component's leading dot. Written by hand:
 * twenty lines against a dependency in the bundle, and Node's own glob matcher is still experimental.
 */
function globMatches(pattern: string, file: string): boolean {
  if (!/[*?[]/.test(pattern)) return pattern === file;
  const patternParts = pattern.split('/');
  const fileParts = file.split('/');
  return patternParts.length === fileParts.length && patternParts.every((part, i) => componentMatches(part, fileParts[i]));
}

function componentMatches(pattern: string, name: string): boolean {
  if (name.startsWith('.') && !pattern.startsWith('.')) return false;
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    const classEnd = c === '[' ? pattern.indexOf(']', i + 2) : -1;
    if (c === '*') source += '.*';
    else if (c === '?') source += '.';
    else if (classEnd > 0) {
      const body = pattern.slice(i + 1, classEnd);
      const negated = body.startsWith('!');
      source += `[${negated ? '^' : ''}${(negated ? body.slice(1) : body).replace(/[\\\]^]/g, '\\$&')}]`;
      i = classEnd;
    } else source += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 's').test(name);
}

function isAbsolute(p: string): boolean {
  return p.startsWith('/') || /^[a-z]:\//i.test(p);
}

/** ssh_config wants forward slashes (also on Windows). */
function sshPath(p: string): string {
  return p.replace(/\\/g, '/');
}

/** Include's arguments: whitespace-separated, double quotes group. */
function splitArguments(value: string): string[] {
  return [...value.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]);
}
