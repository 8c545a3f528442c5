// Who is calling: the `token` header from a login, or an HTTP Signature made with an access key.
import type { IncomingMessage } from 'node:http';
import { header } from './httpIo';
import { verifySignature } from './cavageSignature';
import type { Account, WorldIndex } from './world';

export type Caller = { account: Account } | { failure: string };

export function identifyCaller(index: WorldIndex, req: IncomingMessage, body: Buffer, now = Date.now()): Caller {
  const token = header(req, 'token');
  if (token) {
    const account = index.accountByToken(token);
    return account ? { account } : { failure: 'invalid token' };
  }
  if (/^Signature\s/i.test(header(req, 'authorization') ?? '')) {
    const check = verifySignature({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body }, (id) => index.accessKey(id)?.key.secret, now);
    if (!check.ok) return { failure: check.reason };
    const found = index.accessKey(check.keyId);
    return found ? { account: found.account } : { failure: 'unknown keyId' };
  }
  return { failure: 'missing api token' };
}
