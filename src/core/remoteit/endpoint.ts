// Where a sign-in may be sent. A session belongs to the API origin that issued it: its token, access-key
// signatures and passwords go to that origin only, over https (plain http only to this machine, for local
// emulators), and a changed API URL means signing in again rather than handing the session to a new server.
import { isIP } from 'node:net';
import { ApiError } from './errors';

export interface ApiEndpoint {
  /** The URL requests are built on, without a trailing slash. */
  baseUrl: string;
  /** scheme://host[:port], what a session is bound to. */
  origin: string;
}

/** The endpoint for a configured API URL; throws 'endpoint' when a secret must not be sent there. */
export function apiEndpoint(configured: string): ApiEndpoint {
  let url: URL;
  try {
    url = new URL(configured.trim());
  } catch {
    throw new ApiError('endpoint', `The remoteit.apiUrl setting "${configured}" is not a URL. Set it to https://api.remote.it.`);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new ApiError('endpoint', `The remoteit.apiUrl setting must be a plain https:// address without credentials, query or fragment. Set it to https://api.remote.it.`);
  }
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
  if (!secure) {
    throw new ApiError(
      'endpoint',
      `The remoteit.apiUrl setting points to ${url.protocol}//${url.host}: a sign-in is only sent over https (plain http only to this computer). Set it to https://api.remote.it.`,
    );
  }
  return { baseUrl: `${url.origin}${url.pathname.replace(/\/+$/, '')}`, origin: url.origin };
}

/** The endpoint of a session issued for `issuedFor`, as long as the API URL setting still names the same place. */
export function sessionEndpoint(issuedFor: string, configured: string): ApiEndpoint {
  const issued = apiEndpoint(issuedFor);
  const current = apiEndpoint(configured);
  if (issued.baseUrl !== current.baseUrl) {
    throw new ApiError(
      'auth',
      `The remoteit.apiUrl setting changed to ${current.origin} since you signed in to ${issued.origin}; your sign-in is only sent where it was issued. Sign in again.`,
    );
  }
  return issued;
}

/** localhost, 127.0.0.0/8 and ::1: addresses that never leave this machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return isIP(host) === 6 && (host === '::1' || host === '0:0:0:0:0:0:0:1');
}
