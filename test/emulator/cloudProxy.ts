// Cloud-proxy connections (`connect` mutation, REST /device/connect): a real listener on 127.0.0.1 that
// forwards to the service's target. hostIP decides who may use it: 0.0.0.0 anyone, 255.255.255.255 the first
// client's IP (latching), any other address only that address. Web types answer as a "reverse proxy" with
// `port` null; the emulator cannot own a hostname, so every `url` is plain http://127.0.0.1:<port>.
import { randomUUID } from 'node:crypto';
import * as net from 'node:net';
import { applicationType } from './applicationTypes';
import { plainAddress, relay } from './tcpRelay';
import { effectiveState, type ServiceEntry } from './world';

export const PUBLIC_IP = '0.0.0.0';
export const LATCHING_IP = '255.255.255.255';
/** Seconds a proxy connection lives, as the real API reports it. */
export const PROXY_TIMEOUT_S = 28_800;

export interface ProxyConnection {
  id: string;
  created: string;
  host: string;
  port: number | null;
  /** Where a browser opens the connection. */
  url: string;
  reverseProxy: boolean;
  timeout: number;
  /** The local port the listener really uses (also in `host` for reverse proxies). */
  listenPort: number;
}

interface Open {
  info: ProxyConnection;
  serviceId: string;
  server: net.Server;
  sockets: Set<net.Socket>;
  timer: NodeJS.Timeout;
}

/** Who may use a connection, from its hostIP. */
export function admission(hostIp: string): (address: string) => boolean {
  if (hostIp === PUBLIC_IP) return () => true;
  if (hostIp === LATCHING_IP) {
    let latched: string | undefined;
    return (address) => (latched ??= address) === address;
  }
  return (address) => address === hostIp;
}

export class CloudProxies {
  private readonly open = new Map<string, Open>();
  /** What connect answers report as `host` instead of the real one (control /proxy/host): hostile-API tests. */
  hostOverride: string | undefined;

  async connect(entry: ServiceEntry, hostIp: string = LATCHING_IP): Promise<ProxyConnection> {
    const admits = admission(hostIp);
    const sockets = new Set<net.Socket>();
    const server = net.createServer({ allowHalfOpen: true }, (client) => {
      const target = entry.service.target;
      if (!admits(plainAddress(client.remoteAddress)) || !target || effectiveState(entry) !== 'active') {
        client.destroy();
        return;
      }
      const upstream = net.connect({ host: target.host, port: target.port, allowHalfOpen: true });
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.once('close', () => sockets.delete(s));
      }
      upstream.once('connect', () => void relay(client, upstream));
      upstream.once('error', () => client.destroy());
      client.once('error', () => upstream.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const listenPort = (server.address() as net.AddressInfo).port;
    const reverseProxy = (entry.service.application !== null && applicationType(entry.service.application)?.proxy) || false;
    const info: ProxyConnection = {
      id: randomUUID(),
      created: new Date().toISOString(),
      host: this.hostOverride ?? '127.0.0.1',
      port: reverseProxy ? null : listenPort,
      url: `http://127.0.0.1:${listenPort}`,
      reverseProxy,
      timeout: PROXY_TIMEOUT_S,
      listenPort,
    };
    const timer = setTimeout(() => this.disconnect(info.id), PROXY_TIMEOUT_S * 1000).unref();
    this.open.set(info.id, { info, serviceId: entry.service.id.toUpperCase(), server, sockets, timer });
    return info;
  }

  /** False when there is no such connection (for this service, when one is named). */
  disconnect(connectionId: string, serviceId?: string): boolean {
    const open = this.open.get(connectionId);
    if (!open || (serviceId !== undefined && open.serviceId !== serviceId.trim().toUpperCase())) return false;
    this.open.delete(connectionId);
    clearTimeout(open.timer);
    open.server.close();
    for (const s of open.sockets) s.destroy();
    return true;
  }

  /** Cuts every client currently using a proxy of this service; returns how many connections were cut. */
  dropClients(serviceId: string): number {
    let dropped = 0;
    for (const open of this.open.values()) {
      if (open.serviceId !== serviceId.toUpperCase()) continue;
      dropped += open.sockets.size > 0 ? 1 : 0;
      for (const s of open.sockets) s.destroy();
    }
    return dropped;
  }

  closeAll(): void {
    for (const id of [...this.open.keys()]) this.disconnect(id);
  }
}
