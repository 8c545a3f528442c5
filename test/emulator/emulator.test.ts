import * as assert from 'node:assert/strict';
import { startEmulator, startHttpTarget, type RunningEmulator } from './index';
import { ALICE, graphql, login, postJson, startEchoTarget, testWorld } from './testSupport';

describe('emulator', function () {
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

  describe('REST apv/v27 login', () => {
    it('answers a good password with the documented body: status, token, email, service_authhash', async () => {
      const res = await postJson(`${emulator.url}/apv/v27/user/login`, { username: ALICE.email, password: ALICE.password });
      assert.equal(res.status, 200);
      assert.match(res.text, new RegExp(`^\\{"status":"true","token":"[0-9a-f]{32}","email":"alice@example\\.com","service_authhash":"${ALICE.authHash}"\\}$`));
    });

    it('answers a wrong password with 401 and the exact [0102] body', async () => {
      const res = await postJson(`${emulator.url}/apv/v27/user/login`, { username: ALICE.email, password: 'nope' });
      assert.equal(res.status, 401);
      assert.equal(res.text, '{"status":"false","reason":"[0102] The username or password is invalid","code":"GENERAL_ERROR"}');
    });
  });

  describe('GraphQL /graphql/v1', () => {
    it('lists the signed-in user’s devices with their services, and not other users’', async () => {
      const token = await login(emulator.url);
      const { status, body } = await graphql(
        emulator.url,
        token,
        '{ login { email devices(size: 1000, from: 0) { total hasMore items { id name state services { id name state application port } } } } }',
      );
      assert.equal(status, 200);
      const devices = body.data.login.devices;
      assert.equal(body.data.login.email, ALICE.email);
      assert.equal(devices.total, 2);
      assert.equal(devices.hasMore, false);
      assert.deepEqual(
        devices.items.map((d: { name: string }) => d.name),
        ['Echo Box', 'Sleeping Box'],
      );
      assert.deepEqual(devices.items[0].services[0], { id: '80:00:00:00:01:00:10:01', name: 'Echo', state: 'active', application: 1, port: 7 });
      assert.equal(devices.items[1].services[0].state, 'inactive', 'a service of an offline device is offline');
    });

    it('fails an unknown field the way graphql-js validation does', async () => {
      const token = await login(emulator.url);
      const { body } = await graphql(emulator.url, token, '{ login { devices { items { id nickname } } } }');
      assert.equal(body.data, undefined);
      assert.match(body.errors[0].message, /^Cannot query field "nickname" on type "Device"\./);
    });
  });
});
