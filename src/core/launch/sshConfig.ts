// SSH config text for Remote-SSH (vscode-facts §2.3/2.4): one `Host remoteit-<service>` block per SSH
// service in an include file this extension owns, and an `Include` of that file at the very top of the
// user's config — an Include after a Host line would only apply inside that Host. HostKeyAlias keeps the
// device's host key stable while its local port changes. The user's own lines are never rewritten.

export interface SshHost {
  alias: string;
  port: number;
  user?: string;
  /** Where the tunnel listens; 127.0.0.1 for connectd, a proxy host for cloud-proxy connections. */
  hostName?: string;
}

export const INCLUDE_FILE_HEADER = [
  '# remote.it Connect for VS Code manages this file: one Host per SSH service it connected.',
  '# Edits here are overwritten; put your own options in your ssh config instead.',
];
const INCLUDE_COMMENT = '# remote.it Connect for VS Code: hosts of connected remote.it SSH services';

/** `80:00:00:00:01:00:0A:C2` → `remoteit-80-00-00-00-01-00-0a-c2`: lower case, since authorities are lowercased on restore. */
export function sshAlias(serviceId: string): string {
  return `remoteit-${serviceId.trim().toLowerCase().replace(/:/g, '-')}`;
}

/**
 * The service behind a Remote-SSH authority such as `ssh-remote+remoteit-80-00-00-00-01-00-0a-c2`, so a window
 * reopened from "Recent" can have its connection started before Remote-SSH resolves it. Undefined otherwise.
 */
export function serviceIdOfAuthority(authority: string): string | undefined {
  const match = /^ssh-remote\+remoteit-((?:[0-9a-f]{2}-){7}[0-9a-f]{2})$/i.exec(authority.trim());
  return match ? match[1].toUpperCase().replace(/-/g, ':') : undefined;
}

export function renderHostBlock(host: SshHost): string[] {
  return [
    `Host ${host.alias}`,
    `  HostName ${host.hostName ?? '127.0.0.1'}`,
    `  Port ${host.port}`,
    ...(host.user ? [`  User ${host.user}`] : []),
    `  HostKeyAlias ${host.alias}`,
    '  CheckHostIP no',
    '  ServerAliveInterval 15',
  ];
}

/** The include file with `host`'s block added, or replaced in place if it was there. */
export function upsertHostBlock(includeText: string, host: SshHost): string {
  const { blocks } = parseIncludeFile(includeText);
  const block = renderHostBlock(host);
  const at = blocks.findIndex((b) => b.alias === host.alias);
  if (at >= 0) blocks[at] = { alias: host.alias, lines: block };
  else blocks.push({ alias: host.alias, lines: block });
  return renderIncludeFile(blocks);
}

/** The include file with the Port of `alias` changed; unchanged when there is no such block. */
export function updateHostPort(includeText: string, alias: string, port: number): string {
  const { blocks } = parseIncludeFile(includeText);
  const block = blocks.find((b) => b.alias === alias);
  if (!block) return includeText;
  block.lines = block.lines.map((line) => (/^\s*Port\s/i.test(line) ? `  Port ${port}` : line));
  return renderIncludeFile(blocks);
}

export function removeHostBlock(includeText: string, alias: string): string {
  const { blocks } = parseIncludeFile(includeText);
  const kept = blocks.filter((b) => b.alias !== alias);
  return kept.length === blocks.length ? includeText : renderIncludeFile(kept);
}

/** The port an alias uses now, if the include file has it. */
export function hostPort(includeText: string, alias: string): number | undefined {
  const block = parseIncludeFile(includeText).blocks.find((b) => b.alias === alias);
  const line = block?.lines.find((l) => /^\s*Port\s/i.test(l));
  return line ? Number(line.trim().split(/\s+/)[1]) : undefined;
}

/**
 * The user's ssh config with `Include <includePath>` as its first lines. Unchanged when such an Include
 * already comes before any Host or Match line; otherwise ours is put at the top and the rest kept as is.
 */
export function ensureInclude(userConfigText: string, includePath: string): string {
  const wanted = sshPath(includePath);
  const eol = userConfigText.includes('\r\n') ? '\r\n' : '\n';
  const lines = userConfigText.split(/\r?\n/);
  for (const line of lines) {
    if (/^\s*(Host|Match)(\s|=)/i.test(line)) break;
    const include = /^\s*Include(?:\s+|\s*=\s*)(.*)$/i.exec(line);
    if (include && splitArguments(include[1]).map(sshPath).includes(wanted)) return userConfigText;
  }
  const directive = `Include ${/\s/.test(wanted) ? `"${wanted}"` : wanted}`;
  const rest = userConfigText === '' ? '' : `${eol}${userConfigText}`;
  return `${INCLUDE_COMMENT}${eol}${directive}${eol}${rest}`;
}

interface HostBlock {
  alias: string;
  lines: string[];
}

/** Our own file: a header, then blocks that each start at a `Host` line. */
function parseIncludeFile(text: string): { blocks: HostBlock[] } {
  const blocks: HostBlock[] = [];
  for (const line of text.split(/\r?\n/)) {
    const host = /^\s*Host\s+(\S+)/i.exec(line);
    if (host) blocks.push({ alias: host[1], lines: [line] });
    else if (blocks.length > 0 && line.trim() !== '' && !line.trim().startsWith('#')) blocks[blocks.length - 1].lines.push(line);
  }
  return { blocks };
}

function renderIncludeFile(blocks: HostBlock[]): string {
  return [...INCLUDE_FILE_HEADER, ...blocks.flatMap((b) => ['', ...b.lines])].join('\n') + '\n';
}

/** ssh_config wants forward slashes (also on Windows) and compares paths literally. */
function sshPath(path: string): string {
  return path.replace(/\\/g, '/');
}

/** Include's arguments: whitespace-separated, double quotes group. */
function splitArguments(value: string): string[] {
  return [...value.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]);
}
