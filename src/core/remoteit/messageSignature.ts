// HTTP Message Signatures (RFC 9421) as remote.it's current API tooling signs access-key requests: label
// `remoteit`, covered components `@method`, `@authority`, `@target-uri` and `date`, hmac-sha256 keyed with the
// base64-decoded secret, key id = the access key id. The result travels in `Signature-Input` and `Signature`;
// no `Authorization` header is sent.
import { createSigner, httpbis } from 'http-message-signatures';
import type { AccessKey } from './cavageSignature';

export const SIGNATURE_LABEL = 'remoteit';
export const COVERED_COMPONENTS = ['@method', '@authority', '@target-uri', 'date'] as const;
/** How long a signature is valid after it was made (the library's default, written out so it is fixed). */
export const SIGNATURE_LIFETIME_MS = 5 * 60_000;

export interface MessageToSign {
  method: string;
  /** Absolute URL, signed as @target-uri and @authority. */
  url: string;
  /** When the request is made: the Date header and the signature's `created`. */
  date: Date;
}

/** The headers to add: Date, Signature-Input and Signature. */
export async function signMessage(message: MessageToSign, key: AccessKey): Promise<Record<string, string>> {
  const date = message.date.toUTCString();
  const signed = await httpbis.signMessage(
    {
      key: createSigner(Buffer.from(key.secret, 'base64'), 'hmac-sha256', key.keyId),
      name: SIGNATURE_LABEL,
      fields: [...COVERED_COMPONENTS],
      paramValues: { created: message.date, expires: new Date(message.date.getTime() + SIGNATURE_LIFETIME_MS) },
    },
    { method: message.method.toUpperCase(), url: message.url, headers: { Date: date } },
  );
  const headers: Record<string, string | string[]> = signed.headers;
  const header = (name: string) => String(headers[name]);
  return { Date: date, 'Signature-Input': header('Signature-Input'), Signature: header('Signature') };
}
