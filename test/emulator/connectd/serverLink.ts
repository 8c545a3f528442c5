// The stand-in's "server connection": one request to the emulator's session endpoint. The first response
// line is the verdict; later lines are events for as long as the session lives.
import * as http from 'node:http';
import { SESSION_PATH, type SessionEvent, type SessionRequest, type SessionVerdict } from '../protocol';

export class ServerUnreachableError extends Error {
  /** The server's name did not resolve: connectd then keeps trying and never gives up on its own. */
  get dns(): boolean {
    return /ENOTFOUND|EAI_AGAIN/.test(this.message);
  }
}

export interface ServerSession {
  verdict: SessionVerdict;
  /** Called for each event (and never after close). */
  onEvent(listener: (event: SessionEvent) => void): void;
  close(): void;
}

export function openSession(apiUrl: string, request: SessionRequest): Promise<ServerSession> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify(request);
    const req = http.request(new URL(SESSION_PATH, apiUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      timeout: 10_000,
    });
    req.on('timeout', () => req.destroy(new ServerUnreachableError('the emulator did not answer')));
    req.on('error', (err) => reject(err instanceof ServerUnreachableError ? err : new ServerUnreachableError(err.message)));
    req.on('response', (res) => {
      req.setTimeout(0);
      if (res.statusCode !== 200) {
        res.resume();
        reject(new ServerUnreachableError(`session endpoint answered ${res.statusCode}`));
        return;
      }
      let listener: ((event: SessionEvent) => void) | undefined;
      let verdict: SessionVerdict | undefined;
      let pending = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        const lines = (pending + chunk).split('\n');
        pending = lines.pop() ?? '';
        for (const text of lines.filter(Boolean)) {
          const message = JSON.parse(text) as SessionVerdict | SessionEvent;
          if (!verdict) {
            verdict = message as SessionVerdict;
            resolve({
              verdict,
              onEvent: (l) => (listener = l),
              close: () => {
                listener = undefined;
                req.destroy();
              },
            });
          } else listener?.(message as SessionEvent);
        }
      });
      res.on('error', () => undefined);
      res.on('end', () => {
        if (!verdict) reject(new ServerUnreachableError('session endpoint closed without a verdict'));
      });
    });
    req.end(body);
  });
}
