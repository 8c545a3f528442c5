// HTTP Signature (draft-cavage, hmac-sha256), the scheme older remote.it clients sign access-key requests with
// (kept as a fallback to RFC 9421 message signatures): the key is the
// base64-decoded R3_SECRET_ACCESS_KEY, the signing string is the lines
// `(request-target): <lowercase method> <path+query>`, `host`, `date`, `content-type`, `content-length`
// joined by "\n" with none at the end, and the signature is its base64 HMAC-SHA256.
import { createHmac } from 'node:crypto';

export const SIGNED_HEADERS = ['(request-target)', 'host', 'date', 'content-type', 'content-length'] as const;

export interface SignableRequest {
  method: string;
  /** Absolute URL; its host and path+query are what gets signed. */
  url: string;
  /** Exact body bytes or text that will be sent ('' when none). */
  body: string | Uint8Array;
  contentType?: string;
  /** When the request is made; signed as an RFC 1123 UTC date. */
  date: Date;
}

export interface AccessKey {
  keyId: string;
  /** R3_SECRET_ACCESS_KEY as written in the credentials file (base64). */
  secret: string;
}

/** The headers to add to the request: Authorization, Date, Content-Type and Content-Length (all signed). */
export function signCavage(request: SignableRequest, key: AccessKey): Record<string, string> {
  const url = new URL(request.url);
  const values: Record<(typeof SIGNED_HEADERS)[number], string> = {
    '(request-target)': `${request.method.toLowerCase()} ${url.pathname}${url.search}`,
    host: url.host,
    date: request.date.toUTCString(),
    'content-type': request.contentType ?? 'application/json',
    'content-length': String(typeof request.body === 'string' ? Buffer.byteLength(request.body, 'utf8') : request.body.byteLength),
  };
  const signingString = SIGNED_HEADERS.map((name) => `${name}: ${values[name]}`).join('\n');
  const signature = createHmac('sha256', Buffer.from(key.secret, 'base64')).update(signingString, 'utf8').digest('base64');
  return {
    Authorization: `Signature keyId="${key.keyId}",algorithm="hmac-sha256",headers="${SIGNED_HEADERS.join(' ')}",signature="${signature}"`,
    Date: values.date,
    'Content-Type': values['content-type'],
    'Content-Length': values['content-length'],
  };
}
