// The user's remoteit.ssh.options as ssh_config lines for every remote.it host (`Host remoteit-*`). ssh reads
// them for every connection, so only directives that say how to log in and keep the session are accepted —
// nothing that runs a command (ProxyCommand, LocalCommand, KnownHostsCommand, Match exec), reads more config
// (Include) or redirects the connection (ProxyJump, HostName, Port; the managed Host blocks own those) — and
// each value must be of its directive's form, on one line.

/** The directives accepted, canonical spelling → value check. */
const DIRECTIVES: ReadonlyMap<string, (value: string) => boolean> = new Map([
  ['IdentityFile', isPath],
  ['UserKnownHostsFile', isPath],
  ['IdentitiesOnly', oneOf('yes', 'no')],
  ['PubkeyAuthentication', oneOf('yes', 'no')],
  ['PasswordAuthentication', oneOf('yes', 'no')],
  ['Compression', oneOf('yes', 'no')],
  ['ForwardAgent', oneOf('yes', 'no')],
  ['StrictHostKeyChecking', oneOf('yes', 'no', 'accept-new', 'ask')],
  ['AddKeysToAgent', oneOf('yes', 'no', 'ask', 'confirm')],
  ['RequestTTY', oneOf('yes', 'no', 'force', 'auto')],
  ['LogLevel', oneOf('QUIET', 'FATAL', 'ERROR', 'INFO', 'VERBOSE', 'DEBUG', 'DEBUG1', 'DEBUG2', 'DEBUG3')],
  ['ServerAliveCountMax', (v) => /^\d{1,4}$/.test(v)],
  ['ConnectTimeout', (v) => /^\d{1,4}$/.test(v)],
  ['PreferredAuthentications', (v) => /^[a-z-]+(,[a-z-]+)*$/.test(v)],
]);

export interface SshOption {
  directive: string;
  value: string;
}

export interface SshOptions {
  options: SshOption[];
  /** One line per entry left out, safe to show. */
  problems: string[];
}

/** The accepted entries of a remoteit.ssh.options value, in the canonical spelling. */
export function readSshOptions(value: unknown): SshOptions {
  const out: SshOptions = { options: [], problems: [] };
  if (value === undefined || value === null) return out;
  if (typeof value !== 'object' || Array.isArray(value)) {
    out.problems.push('remoteit.ssh.options must be an object of ssh option → value; it was ignored.');
    return out;
  }
  for (const [key, raw] of Object.entries(value)) {
    const directive = [...DIRECTIVES.keys()].find((d) => d.toLowerCase() === key.toLowerCase());
    const shown = key.replace(/[^\w-]/g, '?').slice(0, 40);
    if (!directive) {
      out.problems.push(`remoteit.ssh.options: "${shown}" is not an option this extension writes (${[...DIRECTIVES.keys()].join(', ')}); ignored.`);
      continue;
    }
    const text = typeof raw === 'number' && Number.isInteger(raw) ? String(raw) : raw;
    if (typeof text !== 'string' || !DIRECTIVES.get(directive)!(text.trim())) {
      out.problems.push(`remoteit.ssh.options.${directive}: the value is not a valid ${directive} (one line${isPathDirective(directive) ? ', a file path without quotes' : ''}); ignored.`);
      continue;
    }
    out.options.push({ directive, value: text.trim() });
  }
  return out;
}

/** The options as one `Host <pattern>` block; empty without options. */
export function renderSshOptions(options: readonly SshOption[], hostPattern: string): string[] {
  if (options.length === 0) return [];
  return [`Host ${hostPattern}`, ...options.map((o) => `  ${o.directive} ${quoted(o.value)}`)];
}

/** The same options as ssh's `-o Directive=value` arguments (for `ssh -F <file>` runs that skip the user's config). */
export function sshOptionArgs(options: readonly SshOption[]): string[] {
  return options.flatMap((o) => ['-o', `${o.directive}=${o.value}`]);
}

function quoted(value: string): string {
  return /\s/.test(value) ? `"${value}"` : value;
}

function isPathDirective(directive: string): boolean {
  return DIRECTIVES.get(directive) === isPath;
}

/** A file path on one line; quotes would end ssh's own quoting, `=` and `#` are read as syntax. */
function isPath(value: string): boolean {
  return value.length > 0 && value.length <= 1024 && !/[\u0000-\u001f\u007f-\u009f"'#=\u2028\u2029]/.test(value);
}

function oneOf(...choices: string[]): (value: string) => boolean {
  return (value) => choices.some((c) => c.toLowerCase() === value.toLowerCase());
}
