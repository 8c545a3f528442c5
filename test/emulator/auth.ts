// Who is calling: the `token` header from a login, or an access key's signature — RFC 9421 (`Signature-Input` /
// `Signature`) or the older draft-cavage `Authorization: Signature …`.
import type { IncomingMessage } from 'node:http';
import { verifySignature } from './cavageSignature';
import { header } from './httpIo';
import { verifyMessageSignature } from './messageSignature';
import type { Account, WorldIndex } from './world';

export type Caller = { account: Account } | { failure: string };

export async function identifyCaller(index: WorldIndex, req: IncomingMessage, body: Buffer, now = Date.now()): Promise<Caller> {
  const token = header(req, 'token');
  if (token) {
    const account = index.accountByToken(token);
    return account ? { account } : { failure: 'invalid token' };
  }
  const secretOf = (id: string) => index.accessKey(id)?.key.secret;
  const check = header(req, 'signature-input')
    ? await verifyMessageSignature({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers }, secretOf, now)
    : /^Signature\s/i.test(header(req, 'authorization') ?? '')
      ? verifySignature({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body }, secretOf, now)
      : undefined;
  if (!check) return { failure: 'missing api token' };
  if (!check.ok) return { failure: check.reason };
  const found = index.accessKey(check.keyId);
  return found ? { account: found.account } : { failure: 'unknown keyId' };
}
