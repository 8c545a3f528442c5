// HTTP Signature verification, draft-cavage, `hmac-sha256`, as remote.it documents it for access keys:
// `Authorization: Signature keyId="…",algorithm="hmac-sha256",headers="(request-target) host date content-type
// content-length",signature="<b64>"`, the key being the base64-decoded R3_SECRET_ACCESS_KEY. The signing
// string is `name: value` lines joined by `\n`, `(request-target)` being `<lowercase method> <path+query>`.
// `content-length` is taken from the body actually received, so a body that changed length fails.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

export interface SignedRequest {
  method: string;
  /** Path with query string, as on the request line. */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export type SignatureCheck = { ok: true; keyId: string } | { ok: false; reason: string };

/** The `key="value"` parameters of a `Signature …` authorization value. */
export function signatureParameters(authorization: string): Record<string, string> | undefined {
  const match = /^Signature\s+(.*)$/i.exec(authorization.trim());
  if (!match) return undefined;
  const params: Record<string, string> = {};
  for (const m of match[1].matchAll(/([A-Za-z]+)="([^"]*)"/g)) params[m[1]] = m[2];
  return params;
}

function headerValue(req: SignedRequest, name: string): string | undefined {
  if (name === '(request-target)') return `${req.method.toLowerCase()} ${req.url}`;
  if (name === 'content-length') return String(req.body.length);
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

export function verifySignature(req: SignedRequest, secretOf: (keyId: string) => string | undefined, now: number): SignatureCheck {
  const authorization = req.headers.authorization;
  const params = authorization ? signatureParameters(authorization) : undefined;
  if (!params?.keyId || !params.signature) return { ok: false, reason: 'no Signature authorization' };
  if ((params.algorithm ?? '').toLowerCase() !== 'hmac-sha256') return { ok: false, reason: `unsupported algorithm ${params.algorithm ?? '(none)'}` };
  const names = (params.headers ?? 'date').toLowerCase().split(/\s+/).filter(Boolean);
  for (const required of ['(request-target)', 'host', 'date', ...(req.body.length > 0 ? ['content-length'] : [])]) {
    if (!names.includes(required)) return { ok: false, reason: `${required} is not signed` };
  }
  const date = Date.parse(String(req.headers.date ?? ''));
  if (Number.isNaN(date)) return { ok: false, reason: 'no valid Date header' };
  if (Math.abs(now - date) > MAX_CLOCK_SKEW_MS) return { ok: false, reason: 'Date is more than 5 minutes off' };
  const secret = secretOf(params.keyId);
  if (secret === undefined) return { ok: false, reason: 'unknown keyId' };

  const lines: string[] = [];
  for (const name of names) {
    const value = headerValue(req, name);
    if (value === undefined) return { ok: false, reason: `signed header ${name} is missing` };
    lines.push(`${name}: ${value}`);
  }
  const expected = createHmac('sha256', Buffer.from(secret, 'base64')).update(lines.join('\n')).digest();
  const given = Buffer.from(params.signature, 'base64');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'signature does not match' };
  return { ok: true, keyId: params.keyId };
}
