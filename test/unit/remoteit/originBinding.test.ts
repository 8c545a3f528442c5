import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, RemoteItApi } from '../../../src/core/remoteit/api';
import { apiEndpoint, sessionEndpoint } from '../../../src/core/remoteit/endpoint';
import { FakeApi } from './fakeApi';

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A real HTTP server on 127.0.0.1 that records every request and answers with `respond`. */
async function server(respond: (req: Seen, res: http.ServerResponse) => void) {
  const seen: Seen[] = [];
  const srv = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      seen.push(request);
      respond(request, res);
    });
  });
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
  return {
    url,
    seen,
    close: () => {
      srv.closeAllConnections();
      return new Promise<void>((resolve) => srv.close(() => resolve()));
    },
  };
}

const api = (baseUrl: string, auth?: ConstructorParameters<typeof RemoteItApi>[1], maxResponseBytes?: number) =>
  new RemoteItApi({ baseUrl, fetch: globalThis.fetch, sleep: async () => {}, maxRetries: 0, ...(maxResponseBytes ? { maxResponseBytes } : {}) }, auth);

function rejection(kind: string, message: RegExp) {
  return (err: unknown) => {
    assert.ok(err instanceof ApiError, `expected an ApiError, got ${String(err)}`);
    assert.equal(err.kind, kind);
    assert.match(err.message, message);
    return true;
  };
}

describe('the session stays with its origin', () => {
  let elsewhere: Awaited<ReturnType<typeof server>>;
  beforeEach(async () => {
    elsewhere = await server((_req, res) => res.end('{"status":"true","token":"stolen","service_authhash":"X"}'));
  });
  afterEach(() => elsewhere.close());

  for (const status of [301, 302, 303, 307, 308]) {
    it(`a ${status} redirect to another origin never receives the password body`, async () => {
      const origin = await server((_req, res) => res.writeHead(status, { location: `${elsewhere.url}/apv/v27/user/login` }).end());
      try {
        await assert.rejects(api(origin.url).loginWithPassword('a@example.com', 'hunter2'), rejection('endpoint', new RegExp(`redirected the request to ${elsewhere.url}.*not followed`)));
        assert.equal(origin.seen.length, 1);
        assert.match(origin.seen[0].body, /hunter2/);
        assert.deepEqual(elsewhere.seen, [], 'the other origin was contacted');
      } finally {
        await origin.close();
      }
    });
  }

  it('a redirect of a signed-in GraphQL call never carries the token or an access-key signature elsewhere', async () => {
    const origin = await server((_req, res) => res.writeHead(307, { location: `${elsewhere.url}/graphql/v1` }).end());
    try {
      await assert.rejects(api(origin.url, { kind: 'token', token: 'SECRET-TOKEN' }).listDevices(), rejection('endpoint', /redirected/));
      await assert.rejects(api(origin.url, { kind: 'accessKey', keyId: 'K', secret: 'c2VjcmV0' }).listDevices(), rejection('endpoint', /redirected/));
      assert.equal(origin.seen[0].headers.token, 'SECRET-TOKEN');
      assert.deepEqual(elsewhere.seen, []);
    } finally {
      await origin.close();
    }
  });

  it('a redirect within the same origin is not followed either: the body is sent once', async () => {
    const origin = await server((req, res) => (req.url.endsWith('/moved') ? res.end('{}') : res.writeHead(308, { location: '/moved' }).end()));
    try {
      await assert.rejects(api(origin.url).loginWithPassword('a@example.com', 'hunter2'), rejection('endpoint', /redirected the request \(HTTP 308\)/));
      assert.equal(origin.seen.length, 1);
    } finally {
      await origin.close();
    }
  });

  it('refuses plain http to anything but this machine, before sending anything', async () => {
    const fake = new FakeApi();
    for (const url of ['http://api.remote.it', 'http://127.0.0.1.example.com', 'ftp://api.remote.it', 'https://user:pw@api.remote.it', 'not a url']) {
      await assert.rejects(fake.api(undefined, { baseUrl: url }).loginWithPassword('a@example.com', 'pw'), rejection('endpoint', /remoteit\.apiUrl/), url);
      await assert.rejects(fake.api({ kind: 'token', token: 'T' }, { baseUrl: url }).listDevices(), rejection('endpoint', /remoteit\.apiUrl/), url);
    }
    assert.deepEqual(fake.requests, []);
  });

  it('accepts https anywhere and http on loopback (for local emulators)', () => {
    assert.deepEqual(apiEndpoint('https://api.remote.it/'), { baseUrl: 'https://api.remote.it', origin: 'https://api.remote.it' });
    assert.equal(apiEndpoint('http://127.0.0.1:4000').origin, 'http://127.0.0.1:4000');
    assert.equal(apiEndpoint('http://localhost:4000/').baseUrl, 'http://localhost:4000');
    assert.equal(apiEndpoint('http://[::1]:4000').origin, 'http://[::1]:4000');
  });

  it('a session issued for one API URL is not sent to a changed one: sign in again', () => {
    assert.equal(sessionEndpoint('https://api.remote.it', 'https://api.remote.it/').baseUrl, 'https://api.remote.it');
    assert.throws(() => sessionEndpoint('https://api.remote.it', 'https://evil.example.com'), rejection('auth', /changed to https:\/\/evil\.example\.com since you signed in to https:\/\/api\.remote\.it.*Sign in again/));
  });
});

describe('answer size limits', () => {
  it('refuses an answer over the limit with a clear message, declared or streamed', async () => {
    const big = 'x'.repeat(64 * 1024);
    const declared = await server((_req, res) => res.writeHead(200, { 'content-length': String(big.length) }).end(big));
    const streamed = await server((_req, res) => {
      res.writeHead(200, { 'transfer-encoding': 'chunked' });
      for (let i = 0; i < 64; i++) res.write('x'.repeat(1024));
      res.end();
    });
    try {
      for (const s of [declared, streamed]) {
        await assert.rejects(api(s.url, { kind: 'token', token: 'T' }, 16 * 1024).listDevices(), rejection('tooLarge', /remote\.it sent an answer larger than 16 KB, which this extension does not read/));
      }
    } finally {
      await Promise.all([declared.close(), streamed.close()]);
    }
  });
});
