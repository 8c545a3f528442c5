import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';
import { isLoopback } from './control';
import { generateWorld, GENERATED_ACCOUNT, startEmulator, startHttpTarget, type RunningEmulator } from './index';
import { deviceType } from './rest';
import { ALICE, BOB, control, exchange, graphql, IDS, login, postJson, sha256, startEchoTarget, tempFile, testWorld } from './testSupport';

const DEVICES_QUERY = '{ login { email devices(size: 1000, from: 0) { total hasMore items { id name state services { id name state application port } } } } }';

/** Signs like the documented bash/Insomnia examples: five headers, `\n` between lines, key = base64-decoded secret. */
function signature(method: string, url: URL, body: string, key: { id: string; secret: string }, date: Date): Record<string, string> {
  const signing = [
    `(request-target): ${method.toLowerCase()} ${url.pathname}${url.search}`,
    `host: ${url.host}`,
    `date: ${date.toUTCString()}`,
    'content-type: application/json',
    `content-length: ${Buffer.byteLength(body)}`,
  ].join('\n');
  const signed = createHmac('sha256', Buffer.from(key.secret, 'base64')).update(signing).digest('base64');
  return {
    authorization: `Signature keyId="${key.id}",algorithm="hmac-sha256",headers="(request-target) host date content-type content-length",signature="${signed}"`,
    date: date.toUTCString(),
    'content-type': 'application/json',
  };
}

/** True when a client at `localAddress` is turned away (closed without an answer, or reset). */
async function turnedAway(port: number, localAddress: string): Promise<boolean> {
  try {
    return (await exchange(port, Buffer.from('ping'), '127.0.0.1', localAddress)).length === 0;
  } catch {
    return true;
  }
}

function httpGet(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve(text));
      })
      .on('error', reject);
  });
}

describe('emulator', function () {
  this.timeout(20_000);
  let echo: { port: number; close(): Promise<void> };
  let web: { port: number; close(): Promise<void> };
  let emulator: RunningEmulator;

  before(async () => {
    echo = await startEchoTarget();
    web = await startHttpTarget({ body: 'emulator web target' });
  });
  after(async () => {
    await echo.close();
    await web.close();
  });
  beforeEach(async () => {
    emulator = await startEmulator({ world: testWorld({ echoPort: echo.port, httpPort: web.port }) });
  });
  afterEach(() => emulator.close());

  describe('REST apv/v27', () => {
    it('answers a good password with the documented body: status, token, email, service_authhash', async () => {
      const res = await postJson(`${emulator.url}/apv/v27/user/login`, { username: ALICE.email, password: ALICE.password });
      assert.equal(res.status, 200);
      assert.match(res.text, new RegExp(`^\\{"status":"true","token":"[0-9a-f]{32}","email":"alice@example\\.com","service_authhash":"${ALICE.authHash}"\\}$`));
    });

    it('answers a wrong password with 401 and the exact [0102] GENERAL_ERROR body', async () => {
      const res = await postJson(`${emulator.url}/apv/v27/user/login`, { username: ALICE.email, password: 'nope' });
      assert.equal(res.status, 401);
      assert.equal(res.text, '{"status":"false","reason":"[0102] The username or password is invalid","code":"GENERAL_ERROR"}');
    });

    it('signs in with the auth hash (any letter case), and refuses a wrong one with the same body', async () => {
      const ok = await postJson(`${emulator.url}/apv/v27/user/login/authhash`, { username: ALICE.email, authhash: ALICE.authHash.toLowerCase() });
      assert.equal(ok.status, 200);
      assert.equal(JSON.parse(ok.text).service_authhash, ALICE.authHash);
      const bad = await postJson(`${emulator.url}/apv/v27/user/login/authhash`, { username: ALICE.email, authhash: BOB.authHash });
      assert.equal(bad.status, 401);
      assert.equal(bad.text, '{"status":"false","reason":"[0102] The username or password is invalid","code":"GENERAL_ERROR"}');
    });

    it('requires a known developerkey or apikey header when the world says so', async () => {
      await emulator.close();
      emulator = await startEmulator({ world: { ...testWorld({ echoPort: echo.port, httpPort: web.port }), requireDeveloperKey: true } });
      const body = { username: ALICE.email, password: ALICE.password };
      assert.equal((await postJson(`${emulator.url}/apv/v27/user/login`, body)).status, 403);
      assert.equal((await postJson(`${emulator.url}/apv/v27/user/login`, body, { developerkey: 'unknown' })).status, 403);
      assert.equal((await postJson(`${emulator.url}/apv/v27/user/login`, body, { developerkey: ALICE.developerKey })).status, 200);
      assert.equal((await postJson(`${emulator.url}/apv/v27/user/login`, body, { apikey: ALICE.developerKey })).status, 200);
    });

    it('lists every service (and the device placeholder, type 35) with the token header', async () => {
      assert.equal((await fetch(`${emulator.url}/apv/v27/device/list/all`)).status, 401);
      const token = await login(emulator.url);
      const res = await fetch(`${emulator.url}/apv/v27/device/list/all`, { headers: { token } });
      const list = (await res.json()) as { status: string; devices: Record<string, string>[] };
      assert.equal(list.status, 'true');
      const web = list.devices.find((d) => d.deviceaddress === IDS.web);
      assert.deepEqual(Object.keys(web ?? {}), ['createdate', 'deviceaddress', 'devicealias', 'devicelastip', 'devicestate', 'devicetype', 'georegion', 'lastcontacted', 'lastinternalip', 'ownerusername', 'servicetitle', 'shared']);
      assert.equal(web?.devicealias, 'Web');
      assert.equal(web?.devicestate, 'active');
      assert.equal(web?.servicetitle, 'HTTP');
      assert.equal(web?.devicetype, '00:07:00:00:00:01:00:00:04:30:00:50:00:01:00:00');
      assert.equal(list.devices.find((d) => d.deviceaddress === IDS.box)?.servicetitle, 'Bulk Service');
      assert.equal(list.devices.find((d) => d.deviceaddress === IDS.sleepingSsh)?.devicestate, 'inactive');
      assert.equal(list.devices.some((d) => d.deviceaddress === IDS.bobSsh), false);
    });

    it('encodes devicetype as the desktop decodes it: type in bytes 0–1, port in bytes 10–11', () => {
      assert.equal(deviceType(30, 0x0460, 80), '00:1E:00:00:00:01:00:00:04:60:00:50:00:01:00:00');
    });

    it('opens a cloud proxy with /device/connect that really forwards, and closes it with /device/connect/stop', async () => {
      const token = await login(emulator.url);
      const res = await postJson(`${emulator.url}/apv/v27/device/connect`, { deviceaddress: IDS.echo, wait: 'true', hostip: '0.0.0.0' }, { token });
      const { connection, status } = JSON.parse(res.text);
      assert.equal(status, 'true');
      assert.equal(connection.expirationsec, '28800');
      const port = Number(new URL(connection.proxy).port);
      assert.equal((await exchange(port, Buffer.from('via rest proxy'))).toString(), 'via rest proxy');
      const stop = await postJson(`${emulator.url}/apv/v27/device/connect/stop`, { deviceaddress: IDS.echo, connectionid: connection.connectionid }, { token });
      assert.equal(stop.text, JSON.stringify({ status: 'true', connectionid: connection.connectionid }));
      await assert.rejects(exchange(port, Buffer.from('x')));
    });
  });

  describe('GraphQL /graphql/v1', () => {
    it('lists the signed-in user’s devices with their services, and not other users’', async () => {
      const token = await login(emulator.url);
      const { status, body } = await graphql(emulator.url, token, DEVICES_QUERY);
      assert.equal(status, 200);
      const devices = body.data.login.devices;
      assert.equal(body.data.login.email, ALICE.email);
      assert.equal(devices.total, 2);
      assert.equal(devices.hasMore, false);
      assert.deepEqual(
        devices.items.map((d: { name: string }) => d.name),
        ['Echo Box', 'Sleeping Box'],
      );
      assert.deepEqual(devices.items[0].services[0], { id: IDS.echo, name: 'Echo', state: 'active', application: 1, port: 7 });
      assert.equal(devices.items[1].services[0].state, 'inactive', 'a service of an offline device is offline');
    });

    it('serves every device and service field the desktop app selects', async () => {
      const token = await login(emulator.url);
      const { body } = await graphql(
        emulator.url,
        token,
        `query { login { id account(id: null) { devices(size: 1) { total items { id } } } devices(size: 1, from: 0, sort: "name") { total items {
          id name state created lastReported hardwareId platform version configurable attributes access { user { id email } scripting }
          owner { id email }
          services { id name state title enabled application created lastReported port host type protocol attributes access { user { id email } } }
        } } } }`,
      );
      assert.equal(body.errors, undefined, JSON.stringify(body.errors));
      const device = body.data.login.devices.items[0];
      assert.deepEqual(device.owner, { id: ALICE.id, email: ALICE.email });
      assert.equal(device.hardwareId, 'aa:bb:cc:dd:ee:01');
      assert.equal(device.services[1].title, 'HTTP');
      assert.equal(body.data.login.account.devices.total, 2);
    });

    it('fails an unknown field the way graphql-js validation does', async () => {
      const token = await login(emulator.url);
      const { body } = await graphql(emulator.url, token, '{ login { devices { items { id nickname } } } }');
      assert.equal(body.data, undefined);
      assert.match(body.errors[0].message, /^Cannot query field "nickname" on type "Device"\./);
    });

    it('filters by name (case-insensitive substring) and state, and sorts', async () => {
      const token = await login(emulator.url);
      const names = async (args: string) =>
        (await graphql(emulator.url, token, `{ login { devices(${args}) { items { name } } } }`)).body.data.login.devices.items.map((d: { name: string }) => d.name);
      assert.deepEqual(await names('name: "ECHO"'), ['Echo Box']);
      assert.deepEqual(await names('state: "inactive"'), ['Sleeping Box']);
      assert.deepEqual(await names('sort: "-name"'), ['Sleeping Box', 'Echo Box']);
    });

    it('lists application types', async () => {
      const token = await login(emulator.url);
      const { body } = await graphql(emulator.url, token, '{ applicationTypes { id name port protocol proxy } }');
      const ssh = body.data.applicationTypes.find((t: { id: number }) => t.id === 28);
      assert.deepEqual(ssh, { id: 28, name: 'SSH', port: 22, protocol: 'TCP', proxy: false });
    });

    it('refuses a missing or unknown token with 401', async () => {
      const anonymous = await postJson(`${emulator.url}/graphql/v1`, { query: '{ login { id } }' });
      assert.equal(anonymous.status, 401);
      assert.equal((await graphql(emulator.url, 'not-a-token', '{ login { id } }')).status, 401);
    });
  });

  describe('paging', () => {
    it('pages a 2,500-device world 1000 at a time (size capped at 1000) until hasMore is false', async () => {
      await emulator.close();
      emulator = await startEmulator({ world: generateWorld({ devices: 2500 }) });
      const token = await login(emulator.url, GENERATED_ACCOUNT.email, GENERATED_ACCOUNT.password);
      const seen = new Set<string>();
      const pages: { count: number; hasMore: boolean; total: number }[] = [];
      for (let from = 0, more = true; more; ) {
        const { body } = await graphql(emulator.url, token, 'query($from: Int) { login { devices(size: 5000, from: $from) { total hasMore items { id services { id } } } } }', { from });
        const page = body.data.login.devices;
        page.items.forEach((d: { id: string }) => seen.add(d.id));
        pages.push({ count: page.items.length, hasMore: page.hasMore, total: page.total });
        from += page.items.length;
        more = page.hasMore;
      }
      assert.deepEqual(pages, [
        { count: 1000, hasMore: true, total: 2500 },
        { count: 1000, hasMore: true, total: 2500 },
        { count: 500, hasMore: false, total: 2500 },
      ]);
      assert.equal(seen.size, 2500);
    });

    it('generates 10,000 devices × 3 services with unique ids', () => {
      const world = generateWorld({ devices: 10_000 });
      const ids = new Set(world.devices.flatMap((d) => [d.id, ...d.services.map((s) => s.id)]));
      assert.equal(ids.size, 40_000);
      assert.equal(world.devices.filter((d) => d.state === 'inactive').length, 1000);
    });
  });

  describe('HTTP Signature (draft-cavage, hmac-sha256)', () => {
    const query = JSON.stringify({ query: '{ login { email } }' });
    const send = (headers: Record<string, string>, body = query) => fetch(`${emulator.url}/graphql/v1`, { method: 'POST', headers, body });

    it('accepts a request signed with the access key, as its account', async () => {
      const res = await send(signature('POST', new URL(`${emulator.url}/graphql/v1`), query, ALICE.accessKey, new Date()));
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), { data: { login: { email: ALICE.email } } });
    });

    it('accepts a Date four minutes off', async () => {
      const res = await send(signature('POST', new URL(`${emulator.url}/graphql/v1`), query, ALICE.accessKey, new Date(Date.now() - 4 * 60_000)));
      assert.equal(res.status, 200);
    });

    it('rejects a wrong key, a tampered body and a Date more than five minutes off with 401', async () => {
      const url = new URL(`${emulator.url}/graphql/v1`);
      const wrongKey = { id: ALICE.accessKey.id, secret: Buffer.from('some other secret').toString('base64') };
      assert.equal((await send(signature('POST', url, query, wrongKey, new Date()))).status, 401);
      const tampered = JSON.stringify({ query: '{ login { id email } }' });
      assert.equal((await send(signature('POST', url, query, ALICE.accessKey, new Date()), tampered)).status, 401);
      assert.equal((await send(signature('POST', url, query, ALICE.accessKey, new Date(Date.now() - 6 * 60_000)))).status, 401);
      assert.equal((await send(signature('POST', url, query, ALICE.accessKey, new Date(Date.now() + 6 * 60_000)))).status, 401);
      assert.equal((await send(signature('POST', url, query, { id: 'UNKNOWNKEY', secret: ALICE.accessKey.secret }, new Date()))).status, 401);
    });

    it('signs REST the same way', async () => {
      const url = new URL(`${emulator.url}/apv/v27/device/list/all`);
      const res = await fetch(url, { headers: signature('GET', url, '', ALICE.accessKey, new Date()) });
      assert.equal(res.status, 200);
    });
  });

  describe('cloud-proxy connect / disconnect', () => {
    const CONNECT = 'mutation Connect($serviceId: String!, $hostIP: String!) { connect(serviceId: $serviceId, hostIP: $hostIP, type: AUTO_PROXY) { id created host port url reverseProxy timeout } }';
    const DISCONNECT = 'mutation Disconnect($serviceId: String!, $connectionId: String!) { disconnect(serviceId: $serviceId, connectionId: $connectionId) }';

    it('returns {id created host port url reverseProxy timeout}; public proxies admit anyone; disconnect closes it', async () => {
      const token = await login(emulator.url);
      const { body } = await graphql(emulator.url, token, CONNECT, { serviceId: IDS.echo, hostIP: '0.0.0.0' });
      const c = body.data.connect;
      assert.deepEqual(Object.keys(c), ['id', 'created', 'host', 'port', 'url', 'reverseProxy', 'timeout']);
      assert.equal(c.url, `http://127.0.0.1:${c.port}`);
      assert.match(c.id, /^[0-9a-f-]{36}$/);
      assert.equal(c.host, '127.0.0.1');
      assert.equal(c.reverseProxy, false);
      assert.equal(c.timeout, 28800);
      const payload = Buffer.alloc(64 * 1024, 7);
      assert.equal(sha256(await exchange(c.port, payload)), sha256(payload));
      assert.equal(await turnedAway(c.port, '127.0.0.2'), false);
      const { body: off } = await graphql(emulator.url, token, DISCONNECT, { serviceId: IDS.echo, connectionId: c.id });
      assert.deepEqual(off, { data: { disconnect: true } });
      await assert.rejects(exchange(c.port, payload));
    });

    it('gives web services a reverse proxy (port null) whose url serves the target page', async () => {
      const token = await login(emulator.url);
      const { body } = await graphql(emulator.url, token, CONNECT, { serviceId: IDS.web, hostIP: '0.0.0.0' });
      const c = body.data.connect;
      assert.equal(c.reverseProxy, true);
      assert.equal(c.port, null);
      assert.match(await httpGet(`${c.url}/`), /emulator web target/);
    });

    it('restricts to one IP', async () => {
      const token = await login(emulator.url);
      const { body } = await graphql(emulator.url, token, CONNECT, { serviceId: IDS.echo, hostIP: '127.0.0.2' });
      assert.equal(await turnedAway(body.data.connect.port, '127.0.0.1'), true);
      assert.equal(await turnedAway(body.data.connect.port, '127.0.0.2'), false);
    });

    it('latches to the first client’s IP', async () => {
      const token = await login(emulator.url);
      const { body } = await graphql(emulator.url, token, CONNECT, { serviceId: IDS.echo, hostIP: '255.255.255.255' });
      assert.equal(await turnedAway(body.data.connect.port, '127.0.0.3'), false);
      assert.equal(await turnedAway(body.data.connect.port, '127.0.0.1'), true);
      assert.equal(await turnedAway(body.data.connect.port, '127.0.0.3'), false);
    });

    it('reports an offline or foreign service in errors[{message}]', async () => {
      const token = await login(emulator.url);
      const offline = await graphql(emulator.url, token, CONNECT, { serviceId: IDS.down, hostIP: '0.0.0.0' });
      assert.match(offline.body.errors[0].message, /offline/);
      assert.equal(offline.body.data, null);
      const foreign = await graphql(emulator.url, token, CONNECT, { serviceId: IDS.bobSsh, hostIP: '0.0.0.0' });
      assert.match(foreign.body.errors[0].message, /not found/);
    });
  });

  describe('control endpoint', () => {
    const serviceState = async (token: string, id: string) => {
      const { body } = await graphql(emulator.url, token, DEVICES_QUERY);
      for (const d of body.data.login.devices.items) for (const s of d.services) if (s.id === id) return { device: d.state, service: s.state };
      return undefined;
    };

    it('takes a service offline and back online', async () => {
      const token = await login(emulator.url);
      await control(emulator.controlUrl, '/service/offline', { id: IDS.echo });
      assert.deepEqual(await serviceState(token, IDS.echo), { device: 'active', service: 'inactive' });
      await control(emulator.controlUrl, '/service/online', { id: IDS.echo });
      assert.deepEqual(await serviceState(token, IDS.echo), { device: 'active', service: 'active' });
    });

    it('takes a device offline with all its services, and back', async () => {
      const token = await login(emulator.url);
      await control(emulator.controlUrl, '/device/offline', { id: IDS.box });
      assert.deepEqual(await serviceState(token, IDS.web), { device: 'inactive', service: 'inactive' });
      await control(emulator.controlUrl, '/device/online', { id: IDS.box });
      assert.deepEqual(await serviceState(token, IDS.web), { device: 'active', service: 'active' });
    });

    it('revokes an auth hash: the old one fails, a password login returns the new one', async () => {
      const { authHash } = await control(emulator.controlUrl, '/account/revoke-authhash', { email: ALICE.email });
      assert.match(String(authHash), /^[0-9A-F]{40}$/);
      assert.notEqual(authHash, ALICE.authHash);
      const old = await postJson(`${emulator.url}/apv/v27/user/login/authhash`, { username: ALICE.email, authhash: ALICE.authHash });
      assert.equal(old.status, 401);
      const fresh = await postJson(`${emulator.url}/apv/v27/user/login`, { username: ALICE.email, password: ALICE.password });
      assert.equal(JSON.parse(fresh.text).service_authhash, authHash);
    });

    it('revokes tokens: the next GraphQL call is 401', async () => {
      const token = await login(emulator.url);
      assert.equal((await graphql(emulator.url, token, '{ login { id } }')).status, 200);
      await control(emulator.controlUrl, '/account/revoke-tokens', { email: ALICE.email });
      assert.equal((await graphql(emulator.url, token, '{ login { id } }')).status, 401);
    });

    it('drops the peers of a service: a cloud-proxy client is cut', async () => {
      const token = await login(emulator.url);
      const { body } = await graphql(emulator.url, token, 'mutation { connect(serviceId: "' + IDS.echo + '", hostIP: "0.0.0.0") { port } }');
      const socket = net.connect({ host: '127.0.0.1', port: body.data.connect.port });
      await new Promise((resolve) => socket.once('data', resolve).write('hold'));
      const closed = new Promise((resolve) => socket.once('close', resolve));
      const dropped = await control(emulator.controlUrl, '/service/drop-peers', { id: IDS.echo });
      assert.equal(dropped.proxies, 1);
      await closed;
    });

    it('makes the next N API requests slow', async () => {
      const token = await login(emulator.url);
      await control(emulator.controlUrl, '/faults', { kind: 'slow', count: 1, delayMs: 400 });
      const started = Date.now();
      assert.equal((await graphql(emulator.url, token, '{ login { id } }')).status, 200);
      assert.ok(Date.now() - started >= 400);
    });

    it('answers the next N API requests with 429 and Retry-After, then normally', async () => {
      const token = await login(emulator.url);
      await control(emulator.controlUrl, '/faults', { kind: '429', count: 2, retryAfter: 7 });
      for (let i = 0; i < 2; i++) {
        const res = await postJson(`${emulator.url}/graphql/v1`, { query: '{ login { id } }' }, { token });
        assert.equal(res.status, 429);
        assert.equal(res.headers.get('retry-after'), '7');
      }
      assert.equal((await graphql(emulator.url, token, '{ login { id } }')).status, 200);
    });

    it('answers the next API request with 500, REST included', async () => {
      await control(emulator.controlUrl, '/faults', { kind: '500' });
      const res = await postJson(`${emulator.url}/apv/v27/user/login`, { username: ALICE.email, password: ALICE.password });
      assert.equal(res.status, 500);
    });

    it('answers the next API request with malformed JSON', async () => {
      const token = await login(emulator.url);
      await control(emulator.controlUrl, '/faults', { kind: 'malformed' });
      const res = await postJson(`${emulator.url}/graphql/v1`, { query: '{ login { id } }' }, { token });
      assert.equal(res.status, 200);
      assert.throws(() => JSON.parse(res.text), SyntaxError);
    });

    it('counts requests served by route, and faults by kind', async () => {
      await control(emulator.controlUrl, '/counters/reset');
      const token = await login(emulator.url);
      await graphql(emulator.url, token, '{ login { id } }');
      await graphql(emulator.url, token, '{ login { id } }');
      await control(emulator.controlUrl, '/faults', { kind: '500' });
      await graphql(emulator.url, token, '{ login { id } }');
      const counters = (await (await fetch(`${emulator.controlUrl}/counters`)).json()) as { total: number; byRoute: Record<string, number>; faults: Record<string, number> };
      assert.equal(counters.total, 4);
      assert.equal(counters.byRoute['POST /graphql/v1'], 3);
      assert.equal(counters.byRoute['POST /apv/v27/user/login'], 1);
      assert.equal(counters.faults['500'], 1);
    });

    it('refuses unknown actions and unknown ids, and clears faults', async () => {
      assert.equal((await postJson(`${emulator.controlUrl}/nope`, {})).status, 404);
      assert.equal((await postJson(`${emulator.controlUrl}/service/offline`, { id: '80:00:00:00:00:00:00:00' })).status, 404);
      assert.equal((await postJson(`${emulator.controlUrl}/faults`, { kind: 'teapot' })).status, 400);
      await control(emulator.controlUrl, '/faults', { kind: '500', count: 5 });
      await control(emulator.controlUrl, '/faults/clear');
      assert.equal((await postJson(`${emulator.url}/apv/v27/user/login`, { username: ALICE.email, password: ALICE.password })).status, 200);
    });

    it('answers loopback clients only', () => {
      assert.equal(isLoopback('127.0.0.1'), true);
      assert.equal(isLoopback('::ffff:127.0.0.5'), true);
      assert.equal(isLoopback('::1'), true);
      assert.equal(isLoopback('192.168.1.20'), false);
    });
  });

  describe('command line', () => {
    it('starts from a world file, prints its URL, serves, and stops on SIGTERM', async () => {
      const file = tempFile('world.json', JSON.stringify(testWorld({ echoPort: echo.port, httpPort: web.port })));
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'cli.ts'), '--world', file, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
      const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
      const first = await new Promise<string>((resolve) => {
        let text = '';
        child.stdout.on('data', (c: Buffer) => {
          text += c.toString();
          if (text.includes('\n')) resolve(text.split('\n')[0]);
        });
      });
      const match = /^remote\.it emulator listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(first);
      assert.ok(match, first);
      assert.equal((await postJson(`${match[1]}/apv/v27/user/login`, { username: ALICE.email, password: ALICE.password })).status, 200);
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    });
  });
});
