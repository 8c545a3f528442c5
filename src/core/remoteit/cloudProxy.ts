// Cloud-proxy connections: the `connect`/`disconnect` mutations and what their answer means for the user — an
// address, the URL the API gives for opening it, and how long it lives. These are separate from connectd P2P.
// The host and URL come from the server and later reach an ssh include file and the browser, so they are
// checked here: a host name or IP and an http(s) URL, nothing else.
import { parseHostName, parsePort } from '../untrusted/formats';
import { safeExternalUrl } from '../untrusted/url';
import { ApiError } from './errors';

/** hostIP values of the connect mutation; any other IPv4 address restricts the connection to that address. */
export const PROXY_HOST_IP = { latching: '255.255.255.255', public: '0.0.0.0' } as const;

/** The longest lifetime a timer can wait for (2^31 − 1 ms); a longer one would fire at once. */
const MAX_TIMEOUT_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

/** The API decides between a port proxy and a reverse proxy (web types) by the service's type. */
export const PROXY_TYPE = 'AUTO_PROXY';

export const CONNECT_MUTATION = `mutation Connect($serviceId: String!, $hostIP: String!, $type: ProxyType!) {
  connect(serviceId: $serviceId, hostIP: $hostIP, type: $type) { id created host port url reverseProxy timeout }
}`;

export const DISCONNECT_MUTATION = `mutation Disconnect($serviceId: String!, $connectionId: String!) {
  disconnect(serviceId: $serviceId, connectionId: $connectionId)
}`;

export interface ProxyConnection {
  /** Connection id, needed to disconnect. */
  id: string;
  created: string;
  host: string;
  /** null for reverse proxies (the URL alone is the address). */
  port: number | null;
  reverseProxy: boolean;
  /** Seconds until the API closes the connection. */
  timeout: number;
  /** `host:port`, or the URL's host for a reverse proxy. */
  address: string;
  /** What a browser opens, as the API gives it (http or https only). */
  url: string;
}

export function readProxyConnection(data: Record<string, unknown>): ProxyConnection {
  const c = data.connect;
  if (typeof c !== 'object' || c === null) throw malformed('no connection in the answer');
  const { id, created, host, port, url, reverseProxy, timeout } = c as Record<string, unknown>;
  if (typeof id !== 'string' || !id) throw malformed('no connection id');
  const hostName = parseHostName(host);
  if (!hostName) throw malformed('the host is not a host name');
  const portNumber = port === null || port === undefined ? null : parsePort(port);
  if (portNumber === undefined) throw malformed('the port is not a port number');
  const reverse = reverseProxy === true;
  if (!reverse && portNumber === null) throw malformed('no port for a plain proxy');
  const link = safeExternalUrl(url);
  if (!link) throw malformed('the URL is not an http or https address');
  return {
    id,
    created: typeof created === 'string' ? created : '',
    host: hostName,
    port: portNumber,
    reverseProxy: reverse,
    timeout: typeof timeout === 'number' && timeout > 0 ? Math.min(Math.round(timeout), MAX_TIMEOUT_SECONDS) : 0,
    address: reverse ? new URL(link).host : `${hostName}:${portNumber}`,
    url: link,
  };
}

function malformed(why: string): ApiError {
  return new ApiError('malformed', `remote.it sent a proxy connection this extension cannot read (${why}).`);
}
