// Values with a format, checked where they enter (API answers, settings, tasks.json, input boxes) before they
// reach connectd's argv, a provisioning file or the ssh include file, all of which are line- and
// word-oriented: one newline or space in a value would add a directive of the caller's choosing. Each parser
// returns the value in its canonical form, or undefined when it is not exactly that kind of value.
import { isIPv4, isIPv6 } from 'node:net';

/** A remote.it service or device address: 8 hex bytes separated by colons, e.g. 80:00:00:00:01:00:0A:C2. */
export function parseServiceId(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const id = value.trim();
  return /^[0-9a-f]{2}(?::[0-9a-f]{2}){7}$/i.test(id) ? id.toUpperCase() : undefined;
}

/** A TCP port, 1–65535, as a number or a plain decimal string. */
export function parsePort(value: unknown): number | undefined {
  const port = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d{1,5}\s*$/.test(value) ? Number(value) : NaN;
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? port : undefined;
}

/** An IPv4 address in dotted-quad form (no leading zeros, which some parsers read as octal). */
export function parseIpv4(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const ip = value.trim();
  return isIPv4(ip) && !/(^|\.)0\d/.test(ip) ? ip : undefined;
}

/** An IPv6 address without a zone (`%eth0`), optionally in brackets; returned without them. */
export function parseIpv6(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const ip = value.trim().replace(/^\[(.*)\]$/, '$1');
  return /^[0-9a-f:.]+$/i.test(ip) && isIPv6(ip) ? ip.toLowerCase() : undefined;
}

/** An IPv4 or IPv6 address, e.g. a bind address or a restricted client IP. */
export function parseIpAddress(value: unknown): string | undefined {
  return parseIpv4(value) ?? parseIpv6(value);
}

/**
 * A DNS host name (letters, digits, hyphens and the underscores some real hosts carry, in dot-separated labels
 * of at most 63, 253 in all, no label starting or ending with a hyphen) or an IP address; lower-cased.
 */
export function parseHostName(value: unknown): string | undefined {
  const ip = parseIpAddress(value);
  if (ip) return ip;
  if (typeof value !== 'string') return undefined;
  const host = value.trim().replace(/\.$/, '').toLowerCase();
  if (host.length === 0 || host.length > 253) return undefined;
  const labels = host.split('.');
  return labels.every((l) => /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/.test(l)) ? host : undefined;
}

/**
 * A login name for ssh: letters, digits, `_`, `.`, `-` and `@` (domain accounts), not starting with `-` (it
 * would read as an option), an optional trailing `$` (Samba machine accounts), at most 64 characters.
 */
export function parseSshUser(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const user = value.trim();
  return /^[a-z0-9_][a-z0-9_.@-]{0,62}\$?$/i.test(user) ? user : undefined;
}
