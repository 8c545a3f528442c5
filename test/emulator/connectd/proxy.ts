// The initiator's local TCP proxy: listens on the bind address and port, admits only the restrict IP (when
// set), and joins each client ("tunnel") to the service's target, printing connecttunnel/closetunnel.
import * as net from 'node:net';
import type { Target } from '../world';
import { plainAddress, relay } from '../tcpRelay';
import { line } from './messages';

export interface ProxyOptions {
  port: number;
  bindAddress: string;
  restrictIp: string;
  print(text: string): void;
}

export class LocalProxy {
  private readonly server: net.Server;
  private readonly tunnels = new Map<number, { client: net.Socket; upstream?: net.Socket }>();
  /** Where tunnels lead: a target, null (peer up but nothing behind it), or undefined (no peer right now). */
  private peer: Target | null | undefined;
  private txBytes = 0;
  private rxBytes = 0;
  /** When bytes last flowed (or the proxy started), ms since the epoch. */
  lastActivity = Date.now();

  constructor(private readonly opts: ProxyOptions) {
    this.server = net.createServer({ allowHalfOpen: true }, (client) => this.accept(client));
  }

  /** False when the port cannot be bound (in use, or the address is not local). */
  listen(): Promise<boolean> {
    return new Promise((resolve) => {
      this.server.once('error', () => resolve(false));
      this.server.listen({ port: this.opts.port, host: this.opts.bindAddress, exclusive: true }, () => {
        this.lastActivity = Date.now();
        resolve(true);
      });
    });
  }

  setPeer(peer: Target | null | undefined): void {
    this.peer = peer;
  }

  get openTunnels(): number {
    return this.tunnels.size;
  }

  /** Bytes relayed since the last call: tx towards the service, rx back from it. */
  takeBytes(): { tx: number; rx: number } {
    const taken = { tx: this.txBytes, rx: this.rxBytes };
    this.txBytes = 0;
    this.rxBytes = 0;
    return taken;
  }

  closeTunnels(): void {
    for (const { client, upstream } of this.tunnels.values()) {
      client.destroy();
      upstream?.destroy();
    }
  }

  private accept(client: net.Socket): void {
    client.on('error', () => undefined);
    const { restrictIp } = this.opts;
    if (restrictIp !== '0.0.0.0' && plainAddress(client.remoteAddress) !== restrictIp) {
      this.opts.print(line.rejected(restrictIp));
      client.destroy();
      return;
    }
    const peer = this.peer;
    if (peer === undefined) {
      client.destroy();
      return;
    }
    let index = 1;
    while (this.tunnels.has(index)) index++;
    const opened = Date.now();
    const tunnel: { client: net.Socket; upstream?: net.Socket } = { client };
    this.tunnels.set(index, tunnel);
    this.opts.print(line.connectTunnel(index));
    const closeTunnel = () => {
      if (this.tunnels.get(index) !== tunnel) return;
      this.tunnels.delete(index);
      this.opts.print(line.closeTunnel(index, this.tunnels.size, Math.round((Date.now() - opened) / 1000)));
    };
    const fail = () => {
      this.opts.print(line.tunnelFailed(index));
      client.destroy();
      closeTunnel();
    };
    if (!peer) {
      fail();
      return;
    }
    const upstream = net.connect({ host: peer.host, port: peer.port, allowHalfOpen: true });
    tunnel.upstream = upstream;
    upstream.once('error', fail);
    upstream.once('connect', () => {
      upstream.removeListener('error', fail);
      const count = (n: number, into: 'txBytes' | 'rxBytes') => {
        this[into] += n;
        this.lastActivity = Date.now();
      };
      void relay(client, upstream, { onClientBytes: (n) => count(n, 'txBytes'), onServiceBytes: (n) => count(n, 'rxBytes') }).then(closeTunnel);
    });
    client.once('close', () => {
      if (!upstream.connecting) return;
      upstream.destroy();
      closeTunnel();
    });
  }
}
