// Is a port free on the interface connectd will bind? Bind it briefly and see.
import * as net from 'node:net';

export function isPortFree(bindAddress: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen({ host: bindAddress, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}
