// HTTP Message Signatures (RFC 9421) verification, as remote.it's current tooling signs access-key requests:
// a `remoteit` signature over `@method`, `@authority`, `@target-uri` and `date`, hmac-sha256 keyed with the
// base64-decoded secret of the access key named by `keyid`. Checked with the same library the vendor signs
// with; the Date header must be within 5 minutes, like draft-cavage signatures.
import type { IncomingHttpHeaders } from 'node:http';
import { createVerifier, httpbis } from 'http-message-signatures';
import { MAX_CLOCK_SKEW_MS, type SignatureCheck } from './cavageSignature';

export const REQUIRED_COMPONENTS = ['@method', '@authority', '@target-uri', 'date'];

export interface MessageRequest {
  method: string;
  /** Path with query string, as on the request line. */
  url: string;
  headers: IncomingHttpHeaders;
}

export async function verifyMessageSignature(req: MessageRequest, secretOf: (keyId: string) => string | undefined, now: number): Promise<SignatureCheck> {
  const input = String(req.headers['signature-input'] ?? '');
  if (!/^remoteit=/.test(input)) return { ok: false, reason: 'no remoteit signature' };
  const date = Date.parse(String(req.headers.date ?? ''));
  if (Number.isNaN(date)) return { ok: false, reason: 'no valid Date header' };
  if (Math.abs(now - date) > MAX_CLOCK_SKEW_MS) return { ok: false, reason: 'Date is more than 5 minutes off' };
  let keyId: string | undefined;
  try {
    const verified = await httpbis.verifyMessage(
      {
        keyLookup: async (params) => {
          const id = typeof params.keyid === 'string' ? params.keyid : '';
          const secret = secretOf(id);
          if (secret === undefined) return null;
          keyId = id;
          return { id, algs: ['hmac-sha256'], verify: createVerifier(Buffer.from(secret, 'base64'), 'hmac-sha256') };
        },
        requiredFields: REQUIRED_COMPONENTS,
        tolerance: MAX_CLOCK_SKEW_MS / 1000,
      },
      // The emulator is plain http on loopback: the target URI the client signed is http://<Host><path>.
      { method: req.method, url: `http://${req.headers.host ?? ''}${req.url}`, headers: req.headers as Record<string, string | string[]> },
    );
    return verified && keyId ? { ok: true, keyId } : { ok: false, reason: keyId ? 'signature does not match' : 'unknown keyid' };
  } catch (err) {
    return { ok: false, reason: err instanceof Error ? err.message : String(err) };
  }
}
