import * as assert from 'node:assert/strict';
import { ApiError, type ApiErrorKind } from '../../../src/core/remoteit/api';
import { retryAfterMs } from '../../../src/core/remoteit/transport';
import { FakeApi, json, text } from './fakeApi';

const WHO = json({ data: { login: { id: 'u1', email: 'me@example.com' } } });
const NOW = Date.parse('2024-05-01T12:00:00Z');

function kind(expected: ApiErrorKind, message?: RegExp) {
  return (err: unknown) => {
    assert.ok(err instanceof ApiError, `expected an ApiError, got ${String(err)}`);
    assert.equal(err.kind, expected);
    if (message) assert.match(err.message, message);
    return true;
  };
}

describe('API error mapping', () => {
  describe('429 throttling', () => {
    it('waits the Retry-After seconds, then succeeds', async () => {
      const fake = new FakeApi(json({ message: 'Too Many Requests' }, 429, { 'retry-after': '2' }), WHO);
      assert.deepEqual(await fake.api().account(), { id: 'u1', email: 'me@example.com' });
      assert.deepEqual(fake.sleeps, [2000]);
      assert.equal(fake.requests.length, 2);
    });

    it('understands an HTTP-date Retry-After against the injected clock', () => {
      assert.equal(retryAfterMs(new Date(NOW + 5000).toUTCString(), NOW), 5000);
      assert.equal(retryAfterMs(null, NOW), 1000);
      assert.equal(retryAfterMs('soon', NOW), 1000);
    });

    it('gives up as "throttled" after the bounded retries', async () => {
      const fake = new FakeApi(json({}, 429, { 'retry-after': '1' }));
      await assert.rejects(fake.api().account(), kind('throttled', /limiting requests.*429/));
      assert.equal(fake.requests.length, 4);
      assert.deepEqual(fake.sleeps, [1000, 1000, 1000]);
    });

    it('does not wait out a Retry-After longer than 30 s', async () => {
      const fake = new FakeApi(json({}, 429, { 'retry-after': '600' }), WHO);
      await assert.rejects(fake.api().account(), kind('throttled'));
      assert.deepEqual(fake.sleeps, []);
    });

    it('retries a mutation too: a 429 means it was not carried out', async () => {
      const connected = json({ data: { connect: { id: 'c1', created: 'now', host: 'proxy18.rt3.io', port: 37488, url: 'http://proxy18.rt3.io:37488', reverseProxy: false, timeout: 28800 } } });
      const fake = new FakeApi(json({}, 429, { 'retry-after': '1' }), connected);
      assert.equal((await fake.api().connectProxy('80:00:00:00:01:00:0A:C2', '255.255.255.255')).id, 'c1');
    });
  });

  describe('5xx and unreachable', () => {
    it('500 then success: retried after a backoff', async () => {
      const fake = new FakeApi(json({ message: 'Internal server error' }, 500), WHO);
      assert.equal((await fake.api().account()).email, 'me@example.com');
      assert.deepEqual(fake.sleeps, [1000]);
    });

    it('keeps failing: backoff grows, then a clear message with the status', async () => {
      const fake = new FakeApi(text('Bad Gateway', 502));
      await assert.rejects(fake.api().account(), kind('server', /having trouble \(HTTP 502\)/));
      assert.deepEqual(fake.sleeps, [1000, 2000, 4000]);
    });

    it('does not repeat a connect mutation after a 5xx: it may have opened a connection', async () => {
      const fake = new FakeApi(json({}, 503));
      await assert.rejects(fake.api().connectProxy('80:00:00:00:01:00:0A:C2', '0.0.0.0'), kind('server'));
      assert.equal(fake.requests.length, 1);
    });

    it('a lost connection is retried, then named with the host and the setting to check', async () => {
      const refused = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
      const recovered = new FakeApi(refused, WHO);
      assert.equal((await recovered.api().account()).id, 'u1');
      const down = new FakeApi(refused);
      await assert.rejects(down.api().account(), kind('network', /api\.example\.test \(ECONNREFUSED\).*remoteit\.apiUrl/));
      assert.equal(down.requests.length, 4);
    });

    it('a request that outlives the timeout is aborted, retried, then reported as not answering', async () => {
      const fake = new FakeApi();
      let attempts = 0;
      const hanging = (async (_url: string, init?: RequestInit) => {
        attempts++;
        return new Promise<Response>((_, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason)));
      }) as typeof fetch;
      await assert.rejects(fake.api(undefined, { fetch: hanging, timeoutMs: 20, maxRetries: 1 }).account(), kind('network', /did not answer within/));
      assert.equal(attempts, 2);
      assert.deepEqual(fake.sleeps, [1000]);
    });
  });

  describe('auth', () => {
    it('401 with a token: sign in again, no retry', async () => {
      const fake = new FakeApi(text('Unauthorized', 401));
      await assert.rejects(fake.api().listDevices(), kind('auth', /Sign in again/));
      assert.equal(fake.requests.length, 1);
    });

    it('403 with an access key: names the key and what to check', async () => {
      const fake = new FakeApi(text('Forbidden', 403));
      await assert.rejects(fake.api({ kind: 'accessKey', keyId: 'KEY1', secret: 'c2VjcmV0' }).account(), kind('auth', /access key KEY1.*credentials.*clock/));
    });

    it('sends the token header for a session, and for an access key an RFC 9421 signature (or draft-cavage when chosen)', async () => {
      const fake = new FakeApi(WHO);
      const key = () => ({ kind: 'accessKey' as const, keyId: 'KEY1', secret: 'c2VjcmV0' });
      await fake.api({ kind: 'token', token: 'T-9' }).account();
      await fake.api(key).account();
      await fake.api(key, { signatureScheme: 'cavage' }).account();
      const [token, rfc9421, cavage] = fake.requests;
      assert.equal(token.headers.token, 'T-9');
      assert.equal(token.headers.authorization, undefined);
      assert.equal(rfc9421.headers.token, undefined);
      assert.equal(rfc9421.headers.authorization, undefined);
      assert.match(rfc9421.headers['signature-input'], /^remoteit=\("@method" "@authority" "@target-uri" "date"\);keyid="KEY1";alg="hmac-sha256";/);
      assert.match(rfc9421.headers.signature, /^remoteit=:[A-Za-z0-9+/=]+:$/);
      assert.equal(rfc9421.headers.date, 'Wed, 01 May 2024 12:00:00 GMT');
      assert.equal(cavage.headers['signature-input'], undefined);
      assert.match(cavage.headers.authorization, /^Signature keyId="KEY1",algorithm="hmac-sha256",headers="\(request-target\) host date content-type content-length",signature="[A-Za-z0-9+/=]+"$/);
      assert.equal(cavage.headers.date, 'Wed, 01 May 2024 12:00:00 GMT');
    });

    it('asks to sign in before sending anything when there are no credentials', async () => {
      const fake = new FakeApi(WHO);
      await assert.rejects(fake.api(() => undefined).listDevices(), kind('auth', /Sign in/));
      assert.equal(fake.requests.length, 0);
    });
  });

  describe('answers', () => {
    it('GraphQL errors[] become their message', async () => {
      const fake = new FakeApi(json({ errors: [{ message: 'Cannot query field "nope" on type "User".' }, { message: 'second' }], data: null }));
      await assert.rejects(fake.api().account(), kind('graphql', /^Cannot query field "nope" on type "User"\.; second$/));
      assert.equal(fake.requests.length, 1);
    });

    it('errors[] win over partial data: nothing half-loaded', async () => {
      const fake = new FakeApi(json({ errors: [{ message: 'partial failure' }], data: { login: { devices: { total: 1, hasMore: false, items: [] } } } }));
      await assert.rejects(fake.api().listDevices(), kind('graphql', /partial failure/));
    });

    it('malformed JSON is a clear error, never a crash, and is not retried', async () => {
      const fake = new FakeApi(text('{"data":{"login":{"devices":{"total":', 200, { 'content-type': 'application/json' }));
      const pages: number[] = [];
      await assert.rejects(fake.api().listDevices({ onPage: (n) => pages.push(n) }), kind('malformed', /cannot read/));
      assert.deepEqual(pages, []);
      assert.equal(fake.requests.length, 1);
    });

    it('valid JSON without data is malformed too', async () => {
      await assert.rejects(new FakeApi(json({ hello: 'world' })).api().account(), kind('malformed'));
      await assert.rejects(new FakeApi(json({ data: { login: { id: 5 } } })).api().account(), kind('malformed'));
    });

    it('other 4xx answers are a refusal with the status', async () => {
      await assert.rejects(new FakeApi(text('Not Found', 404)).api().account(), kind('rejected', /HTTP 404/));
    });

    it('X-R3-Warning reaches onWarning once per distinct warning', async () => {
      const warn = (w: string) => json({ data: { login: { id: 'u1', email: 'me@example.com' } } }, 200, { 'x-r3-warning': w });
      const fake = new FakeApi(warn('121 client deprecated'), warn('121 client deprecated'), warn('121 client deprecated'), warn('122 other'));
      const api = fake.api();
      for (let i = 0; i < 4; i++) await api.account();
      assert.deepEqual(fake.warnings, ['121 client deprecated', '122 other']);
    });

    it('a cancelled request stops without retrying', async () => {
      const controller = new AbortController();
      const fake = new FakeApi(() => {
        controller.abort();
        return new TypeError('aborted');
      });
      await assert.rejects(fake.api().listDevices({ signal: controller.signal }), kind('cancelled'));
      assert.equal(fake.requests.length, 1);
      assert.deepEqual(fake.sleeps, []);
    });
  });
});
