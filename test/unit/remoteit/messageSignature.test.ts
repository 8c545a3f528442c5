import * as assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { signMessage } from '../../../src/core/remoteit/messageSignature';

// An access key as the credentials file holds it: the secret is base64, the HMAC key is its decoded bytes.
const KEY = { keyId: 'Z5QCS6ZO7PXXXMVDNXXX', secret: Buffer.from('a 30-byte secret for the tests').toString('base64') };
const DATE = new Date('2024-05-01T12:00:00Z');
const CREATED = DATE.getTime() / 1000;

/** RFC 9421 §2.5: one `"name": value` line per covered component, then the `@signature-params` line. */
function signatureBase(lines: [string, string][], params: string): string {
  return [...lines.map(([name, value]) => `"${name}": ${value}`), `"@signature-params": ${params}`].join('\n');
}

function hmac(base: string): string {
  return createHmac('sha256', Buffer.from(KEY.secret, 'base64')).update(base, 'utf8').digest('base64');
}

describe('HTTP Message Signatures (RFC 9421, label remoteit)', () => {
  it('signs @method, @authority, @target-uri and date with hmac-sha256 and the key id, in Signature-Input / Signature', async () => {
    const headers = await signMessage({ method: 'post', url: 'https://api.remote.it/graphql/v1', date: DATE }, KEY);

    const params = `("@method" "@authority" "@target-uri" "date");keyid="${KEY.keyId}";alg="hmac-sha256";created=${CREATED};expires=${CREATED + 300}`;
    const base = signatureBase(
      [
        ['@method', 'POST'],
        ['@authority', 'api.remote.it'],
        ['@target-uri', 'https://api.remote.it/graphql/v1'],
        ['date', 'Wed, 01 May 2024 12:00:00 GMT'],
      ],
      params,
    );
    assert.deepEqual(headers, {
      Date: 'Wed, 01 May 2024 12:00:00 GMT',
      'Signature-Input': `remoteit=${params}`,
      Signature: `remoteit=:${hmac(base)}:`,
    });
  });

  it('keeps a non-default port in @authority and the query in @target-uri', async () => {
    const url = 'http://127.0.0.1:8443/apv/v27/device/list/all?x=1';
    const headers = await signMessage({ method: 'GET', url, date: DATE }, KEY);
    const params = `("@method" "@authority" "@target-uri" "date");keyid="${KEY.keyId}";alg="hmac-sha256";created=${CREATED};expires=${CREATED + 300}`;
    const base = signatureBase(
      [
        ['@method', 'GET'],
        ['@authority', '127.0.0.1:8443'],
        ['@target-uri', url],
        ['date', 'Wed, 01 May 2024 12:00:00 GMT'],
      ],
      params,
    );
    assert.equal(headers.Signature, `remoteit=:${hmac(base)}:`);
    assert.ok(!('Authorization' in headers));
  });
});
