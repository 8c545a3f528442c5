// An initiator's settings, from `-p`/`-c` positional arguments or from a provisioning file (`-f` / `-e`),
// validated the way connectd refuses bad input: T-prefixed port, 8-byte UID, 40-hex auth hash. As in the real
// 4.6, lifetime and idle limits work only on the command line (in seconds, whatever the usage text says);
// a provisioning file's `lifetime` / `grace_period` have no effect.
import { line } from './messages';

export interface InitiatorConfig {
  user: string;
  secret: { authHash: string } | { password: string };
  serviceId: string;
  port: number;
  encryption: number;
  bindAddress: string;
  /** Only this source address may use the proxy; 0.0.0.0 = any. */
  restrictIp: string;
  maxOutstanding: number;
  /** Seconds, 0 = no limit (command line only). */
  lifetime: number;
  /** Idle limit ("grace") in seconds, 0 = no limit (command line only). */
  idle: number;
  /** 0: sign in only; 1: connect once; 2: also reconnect after the peer drops. */
  autoconnect: 0 | 1 | 2;
  /** `-p`/`-c`: the forms that print `restrict address` and `User … connecting to` and bind UDP on the port. */
  fromCommandLine: boolean;
}

/** Refused input; `detail` is a line connectd prints before its usage text, when it has one. */
export class ConfigError extends Error {
  constructor(readonly detail?: string) {
    super(detail ?? 'invalid configuration');
  }
}

const UID = /^[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){7}$/;
const AUTH_HASH = /^[0-9A-Fa-f]{40}$/;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/;

function uid(value: string): string {
  const trimmed = value.trim();
  if (!UID.test(trimmed)) throw new ConfigError();
  return trimmed;
}

function authHash(value: string): string {
  if (!AUTH_HASH.test(value)) throw new ConfigError();
  return value.toUpperCase();
}

function ipv4(value: string): string {
  if (!IPV4.test(value)) throw new ConfigError();
  return value;
}

function count(value: string, max = Number.MAX_SAFE_INTEGER): number {
  if (!/^\d+$/.test(value) || Number(value) > max) throw new ConfigError();
  return Number(value);
}

function port(value: string): number {
  const n = count(value, 65535);
  if (n === 0) throw new ConfigError();
  return n;
}

/** `T33000` → 33000; `U…` and other letters are refused with connectd's messages. */
function protocolPort(value: string): number {
  const letter = value.charAt(0);
  if (letter === 'U') throw new ConfigError(line.udpUnsupported);
  if (letter !== 'T') throw new ConfigError(line.unknownProtocol(letter));
  return port(value.slice(1));
}

function encryption(value: string): number {
  return count(value, 2);
}

/** Base64 as scripts and SDKs produce it (some append a newline). */
function base64Text(value: string): string {
  const trimmed = value.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed)) throw new ConfigError();
  const text = Buffer.from(trimmed, 'base64').toString('utf8');
  if (text === '') throw new ConfigError();
  return text;
}

/** `-p <b64 user> <authhash> <UID> T<port> <enc> <bind> <restrict> <maxout> <life> <idle>` (exactly ten). */
export function fromAuthHashArgs(args: readonly string[]): InitiatorConfig {
  if (args.length !== 10) throw new ConfigError();
  const [user, hash, service, tport, enc, bind, restrict, maxout, life, idle] = args;
  return {
    user: base64Text(user),
    secret: { authHash: authHash(hash) },
    serviceId: uid(service),
    port: protocolPort(tport),
    encryption: encryption(enc),
    bindAddress: ipv4(bind),
    restrictIp: ipv4(restrict),
    maxOutstanding: count(maxout),
    lifetime: count(life),
    idle: count(idle),
    autoconnect: 1,
    fromCommandLine: true,
  };
}

/** `-c <b64 user> <b64 pass> <UID> T<port> <enc> <bind> [<maxout> [<life> <idle>]]`; life and idle come together. */
export function fromPasswordArgs(args: readonly string[]): InitiatorConfig {
  if (![6, 7, 9].includes(args.length)) throw new ConfigError();
  const [user, pass, service, tport, enc, bind, maxout = '12', life = '0', idle = '0'] = args;
  return {
    user: base64Text(user),
    secret: { password: base64Text(pass) },
    serviceId: uid(service),
    port: protocolPort(tport),
    encryption: encryption(enc),
    bindAddress: ipv4(bind),
    restrictIp: '0.0.0.0',
    maxOutstanding: count(maxout),
    lifetime: count(life),
    idle: count(idle),
    autoconnect: 1,
    fromCommandLine: true,
  };
}

/** `key value` lines; `#` comments, blank lines and any line ending. The first occurrence of a key wins. */
export function provisioningEntries(text: string): Map<string, string> {
  const entries = new Map<string, string>();
  for (const raw of text.split(/\r\n|\n|\r/)) {
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const match = /^(\S+)(?:\s+(.*))?$/.exec(trimmed);
    if (match && !entries.has(match[1])) entries.set(match[1], (match[2] ?? '').trim());
  }
  return entries;
}

/** An initiator provisioning file. Target-side keys are accepted and ignored, as connectd's parser knows them. */
export function fromProvisioning(text: string): InitiatorConfig {
  const entries = provisioningEntries(text);
  const get = (...keys: string[]) => keys.map((k) => entries.get(k)).find((v) => v !== undefined && v !== '');
  const user = get('user_id', 'Yoics_id');
  const service = get('remote_address');
  const localPort = get('proxy_local_port');
  const hash = get('auth_hash');
  const password = get('auth_pass', 'Yoics_pass');
  if (!user || !service || !localPort || (!hash && !password)) throw new ConfigError();
  const autoconnect = count(get('autoconnect') ?? '1', 2) as 0 | 1 | 2;
  return {
    user,
    secret: hash ? { authHash: authHash(hash) } : { password: password as string },
    serviceId: uid(service),
    port: port(localPort),
    encryption: encryption(get('encryption', 'encrypt_level') ?? '2'),
    bindAddress: ipv4(get('proxy_bind_address') ?? '127.0.0.1'),
    restrictIp: '0.0.0.0',
    maxOutstanding: count(get('max_depth', 'max_outstanding') ?? '12'),
    lifetime: 0,
    idle: 0,
    autoconnect,
    fromCommandLine: false,
  };
}
