// A real local web server to stand behind an HTTP service of the world: every GET gets a small HTML page
// that contains `body`, so a test can tell which service it reached through a proxy.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HttpTarget {
  port: number;
  close(): Promise<void>;
}

export function startHttpTarget(opts: { body: string; port?: number }): Promise<HttpTarget> {
  const page = `<!doctype html>\n<html><head><meta charset="utf-8"><title>remote.it emulator target</title></head>\n<body><p>${opts.body}</p></body></html>\n`;
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(page) });
    res.end(req.method === 'HEAD' ? undefined : page);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
