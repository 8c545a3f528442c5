// What a user's other programs see on a connection's local port: an HTTP page, or whether anything listens.
import * as http from 'node:http';
import * as net from 'node:net';

export function httpGet(localPort: number): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port: localPort, path: '/', timeout: 10_000 }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve(body));
      })
      .on('error', reject)
      .on('timeout', function (this: http.ClientRequest) {
        this.destroy(new Error(`GET 127.0.0.1:${localPort} timed out`));
      });
  });
}

export function isListening(localPort: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(localPort, '127.0.0.1', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
