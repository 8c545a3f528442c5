import * as assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { signCavage } from '../../../src/core/remoteit/cavageSignature';
import { verifySignature } from '../../../test/emulator/cavageSignature';

// An access key as the credentials file holds it: the secret is base64, the HMAC key is its decoded bytes.
const KEY = { keyId: 'Z5QCS6ZO7PXXXMVDNXXX', secret: Buffer.from('a 30-byte secret for the tests').toString('base64') };
const DATE = new Date('2023-08-01T12:00:00Z');

/** The expected signature, computed here from the documented signing string written out literally. */
function expectedSignature(signingString: string): string {
  return createHmac('sha256', Buffer.from(KEY.secret, 'base64')).update(signingString).digest('base64');
}

function signatureOf(authorization: string): string {
  return /signature="([^"]+)"/.exec(authorization)![1];
}

describe('HTTP Signature (draft-cavage hmac-sha256)', () => {
  it('signs the documented five lines for a GraphQL POST', () => {
    const body = '{"query":"{ login { email } }"}';
    const headers = signCavage({ method: 'POST', url: 'https://api.remote.it/graphql/v1', body, date: DATE }, KEY);
    const documented = [
      '(request-target): post /graphql/v1',
      'host: api.remote.it',
      'date: Tue, 01 Aug 2023 12:00:00 GMT',
      'content-type: application/json',
      'content-length: 31',
    ].join('\n');
    assert.equal(signatureOf(headers.Authorization), expectedSignature(documented));
    assert.equal(
      headers.Authorization,
      `Signature keyId="Z5QCS6ZO7PXXXMVDNXXX",algorithm="hmac-sha256",headers="(request-target) host date content-type content-length",signature="${expectedSignature(documented)}"`,
    );
    assert.equal(headers.Date, 'Tue, 01 Aug 2023 12:00:00 GMT');
    assert.equal(headers['Content-Type'], 'application/json');
    assert.equal(headers['Content-Length'], '31');
  });

  it('signs the path with its query string, the host with its port, and the UTF-8 byte length', () => {
    const body = '{"name":"café"}'; // 15 characters, 16 bytes
    const headers = signCavage({ method: 'GET', url: 'http://127.0.0.1:8443/apv/v27/device/list/all?x=1', body, date: DATE }, KEY);
    const documented = [
      '(request-target): get /apv/v27/device/list/all?x=1',
      'host: 127.0.0.1:8443',
      'date: Tue, 01 Aug 2023 12:00:00 GMT',
      'content-type: application/json',
      'content-length: 16',
    ].join('\n');
    assert.equal(signatureOf(headers.Authorization), expectedSignature(documented));
  });

  it('changes when any signed part changes', () => {
    const base = { method: 'POST', url: 'https://api.remote.it/graphql/v1', body: '{}', date: DATE };
    const reference = signCavage(base, KEY).Authorization;
    assert.notEqual(signCavage({ ...base, body: '{ }' }, KEY).Authorization, reference);
    assert.notEqual(signCavage({ ...base, date: new Date(DATE.getTime() + 1000) }, KEY).Authorization, reference);
    assert.notEqual(signCavage({ ...base, url: 'https://api.remote.it/graphql/v2' }, KEY).Authorization, reference);
    assert.notEqual(signCavage(base, { ...KEY, secret: Buffer.from('another secret').toString('base64') }).Authorization, reference);
  });

  it('is accepted by the emulator\'s independent verifier', () => {
    const body = '{"query":"{ login { id } }","variables":{}}';
    const url = 'http://127.0.0.1:9000/graphql/v1';
    const signed = signCavage({ method: 'POST', url, body, date: DATE }, KEY);
    const headers = Object.fromEntries(Object.entries(signed).map(([k, v]) => [k.toLowerCase(), v]));
    const check = verifySignature(
      { method: 'POST', url: '/graphql/v1', headers: { ...headers, host: '127.0.0.1:9000' }, body: Buffer.from(body) },
      (keyId) => (keyId === KEY.keyId ? KEY.secret : undefined),
      DATE.getTime(),
    );
    assert.deepEqual(check, { ok: true, keyId: KEY.keyId });
  });
});
