// Joins two TCP sockets both ways with back-pressure and half-close (one side's FIN is passed on, the other
// direction keeps flowing), counting bytes. Used by the stand-in's proxy and the emulator's cloud proxy.
import type { Socket } from 'node:net';

export interface RelayCounters {
  /** Bytes from the local client towards the service. */
  onClientBytes?(n: number): void;
  /** Bytes from the service back to the client. */
  onServiceBytes?(n: number): void;
}

/** Resolves once both sockets are closed. Either side failing tears both down. */
export function relay(client: Socket, service: Socket, counters: RelayCounters = {}): Promise<void> {
  if (counters.onClientBytes) client.on('data', (b: Buffer) => counters.onClientBytes?.(b.length));
  if (counters.onServiceBytes) service.on('data', (b: Buffer) => counters.onServiceBytes?.(b.length));
  client.pipe(service);
  service.pipe(client);
  const fail = () => {
    client.destroy();
    service.destroy();
  };
  client.on('error', fail);
  service.on('error', fail);
  const closed = (s: Socket) => new Promise<void>((resolve) => (s.destroyed && s.closed ? resolve() : s.once('close', () => resolve())));
  return Promise.all([closed(client), closed(service)]).then(() => undefined);
}

/** `::ffff:127.0.0.1` → `127.0.0.1`. */
export function plainAddress(address: string | undefined): string {
  return (address ?? '').replace(/^::ffff:/i, '');
}
