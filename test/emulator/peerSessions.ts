// The stand-in's sessions: it signs in with the user and auth hash (or password) and names the service; the
// verdict says whether connectd may connect and where the service really is. The response then stays open
// and carries events (a peer drop) until either side ends it.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseJson, sendJson } from './httpIo';
import type { ConnectdBehaviour, SessionEvent, SessionRequest, SessionVerdict } from './protocol';
import { effectiveState, type WorldIndex } from './world';

/** What the sessions need from the emulator. */
export interface SessionAuthority {
  index: WorldIndex;
  behaviour: ConnectdBehaviour;
  /** Services whose peer-to-peer sessions fail (a scripted fault). */
  p2pFailures: ReadonlySet<string>;
  sessionOpened(): void;
}

interface Open {
  serviceId: string;
  res: ServerResponse;
}

const SERVER = '127.0.0.1:5959';

export class PeerSessions {
  private readonly open = new Set<Open>();

  constructor(private readonly authority: SessionAuthority) {}

  get count(): number {
    return this.open.size;
  }

  handle(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
    const request = parseJson(body) as Partial<SessionRequest> | undefined;
    if (!request || typeof request.user !== 'string' || typeof request.serviceId !== 'string') {
      sendJson(res, 400, { message: 'expected {user, authHash|password, serviceId}' });
      return;
    }
    const verdict = this.verdict(request as SessionRequest);
    res.writeHead(200, { 'content-type': 'application/x-ndjson', 'cache-control': 'no-store' });
    res.write(JSON.stringify(verdict) + '\n');
    if (verdict.result !== 'ok') {
      res.end();
      return;
    }
    this.authority.sessionOpened();
    const open: Open = { serviceId: request.serviceId.trim().toUpperCase(), res };
    this.open.add(open);
    res.on('close', () => this.open.delete(open));
    req.socket.setKeepAlive(true);
  }

  /** Tells every open session of the service that its peer is gone; returns how many there were. */
  drop(serviceId: string): number {
    let dropped = 0;
    for (const open of [...this.open]) {
      if (open.serviceId !== serviceId.trim().toUpperCase()) continue;
      const event: SessionEvent = { event: 'drop' };
      open.res.end(JSON.stringify(event) + '\n');
      this.open.delete(open);
      dropped++;
    }
    return dropped;
  }

  closeAll(): void {
    for (const open of this.open) open.res.destroy();
    this.open.clear();
  }

  private verdict(request: SessionRequest): SessionVerdict {
    const { index, behaviour, p2pFailures } = this.authority;
    // connectd signs in with the account's yoicsId; the email only for accounts that have none.
    const account = index.accountByConnectdUser(request.user);
    const signedIn =
      account !== undefined &&
      (request.authHash !== undefined ? request.authHash.toUpperCase() === account.authHash : request.password !== undefined && request.password === account.password);
    if (!account || !signedIn) return { result: 'auth', behaviour, server: SERVER };
    const entry = index.service(request.serviceId);
    if (!entry || !index.mayUse(account, entry.device) || effectiveState(entry) !== 'active') {
      return { result: 'offline', behaviour, server: SERVER };
    }
    if (p2pFailures.has(entry.service.id.toUpperCase())) return { result: 'p2pFailed', behaviour, server: SERVER };
    const target = entry.service.target ?? null;
    const peerHost = target && /^\d+\.\d+\.\d+\.\d+$/.test(target.host) ? target.host : '127.0.0.1';
    return {
      result: 'ok',
      session: randomBytes(20).toString('hex').toUpperCase(),
      target,
      server: SERVER,
      peer: `${peerHost}:${30000 + randomBytes(2).readUInt16BE() % 30000}`,
      behaviour,
    };
  }
}
