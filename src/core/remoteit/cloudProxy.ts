// Cloud-proxy connections (facts §4b): the `connect`/`disconnect` mutations and what their answer means
// for the user — an address, a URL to open, and how long it lives. These are separate from connectd P2P.
import { ApiError } from './errors';

/** hostIP values of the connect mutation; any other IPv4 address restricts the connection to that address. */
export const PROXY_HOST_IP = { latching: '255.255.255.255', public: '0.0.0.0' } as const;

export const CONNECT_MUTATION = `mutation Connect($serviceId: String!, $hostIP: String) {
  connect(serviceId: $serviceId, hostIP: $hostIP) { id created host port reverseProxy timeout }
}`;

export const DISCONNECT_MUTATION = `mutation Disconnect($serviceId: String!, $connectionId: String!) {
  disconnect(serviceId: $serviceId, connectionId: $connectionId)
}`;

export interface ProxyConnection {
  /** Connection id, needed to disconnect. */
  id: string;
  created: string;
  host: string;
  /** null for reverse proxies (the host alone is the address). */
  port: number | null;
  reverseProxy: boolean;
  /** Seconds until the API closes the connection. */
  timeout: number;
  /** `host:port`, or the host for a reverse proxy. */
  address: string;
  /** What a browser opens: the reverse-proxy URL, else http://host:port. */
  url: string;
}

export function readProxyConnection(data: Record<string, unknown>): ProxyConnection {
  const c = data.connect;
  if (typeof c !== 'object' || c === null) throw malformed('no connection in the answer');
  const { id, created, host, port, reverseProxy, timeout } = c as Record<string, unknown>;
  if (typeof id !== 'string' || !id || typeof host !== 'string' || !host) throw malformed('no connection id or host');
  if (port !== null && port !== undefined && typeof port !== 'number') throw malformed('the port is not a number');
  const reverse = reverseProxy === true;
  if (!reverse && typeof port !== 'number') throw malformed('no port for a plain proxy');
  const address = reverse ? host : `${host}:${port}`;
  return {
    id,
    created: typeof created === 'string' ? created : '',
    host,
    port: typeof port === 'number' ? port : null,
    reverseProxy: reverse,
    timeout: typeof timeout === 'number' ? timeout : 0,
    address,
    url: /^[a-z]+:\/\//i.test(host) ? host : `${reverse && !isIpHost(host) ? 'https' : 'http'}://${address}`,
  };
}

/** A reverse proxy on a bare IP cannot hold a TLS certificate for its name, so it is served over http. */
function isIpHost(host: string): boolean {
  const name = host.replace(/:\d+$/, '');
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(name) || name === 'localhost' || name.startsWith('[');
}

function malformed(why: string): ApiError {
  return new ApiError('malformed', `remote.it sent a proxy connection this extension cannot read (${why}).`);
}
