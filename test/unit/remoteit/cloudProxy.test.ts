import * as assert from 'node:assert/strict';
import { ApiError } from '../../../src/core/remoteit/api';
import { PROXY_HOST_IP } from '../../../src/core/remoteit/cloudProxy';
import { FakeApi, json } from './fakeApi';

const SERVICE = '80:00:00:00:01:00:0A:C2';
const connect = (fields: Record<string, unknown>) =>
  json({ data: { connect: { id: '123ddfff-6432-49d0-6432-205d49d08454', created: '2020-01-01T01:20:00.000Z', timeout: 28800, ...fields } } });

describe('cloud-proxy connect / disconnect (GraphQL)', () => {
  it('sends the connect mutation with the service, hostIP and proxy type, and gives host:port for a plain proxy', async () => {
    const fake = new FakeApi(connect({ host: 'proxy18.rt3.io', port: 37488, url: 'http://proxy18.rt3.io:37488', reverseProxy: false }));
    const proxy = await fake.api().connectProxy(SERVICE, PROXY_HOST_IP.latching);
    assert.deepEqual(fake.requests[0].json.variables, { serviceId: SERVICE, hostIP: '255.255.255.255', type: 'AUTO_PROXY' });
    assert.match(fake.requests[0].json.query!, /connect\(serviceId: \$serviceId, hostIP: \$hostIP, type: \$type\) \{ id created host port url reverseProxy timeout \}/);
    assert.deepEqual(proxy, {
      id: '123ddfff-6432-49d0-6432-205d49d08454',
      created: '2020-01-01T01:20:00.000Z',
      host: 'proxy18.rt3.io',
      port: 37488,
      reverseProxy: false,
      timeout: 28800,
      address: 'proxy18.rt3.io:37488',
      url: 'http://proxy18.rt3.io:37488/',
    });
  });

  it('opens a reverse proxy at the URL the API gives, and takes its address from that URL', async () => {
    const real = await new FakeApi(connect({ host: 'a4csg2w9f8wipk.p16.rt3.io', port: null, url: 'https://a4csg2w9f8wipk.p16.rt3.io', reverseProxy: true })).api().connectProxy(SERVICE, PROXY_HOST_IP.public);
    assert.equal(real.address, 'a4csg2w9f8wipk.p16.rt3.io');
    assert.equal(real.url, 'https://a4csg2w9f8wipk.p16.rt3.io/');
    assert.equal(real.port, null);
    const local = await new FakeApi(connect({ host: '127.0.0.1', port: null, url: 'http://127.0.0.1:41234', reverseProxy: true })).api().connectProxy(SERVICE, '203.0.113.7');
    assert.equal(local.url, 'http://127.0.0.1:41234/');
    assert.equal(local.address, '127.0.0.1:41234');
  });

  it('refuses a URL that is not http(s) and a host that is not a host name (ssh include or command link injection)', async () => {
    const hostile = [
      { host: 'proxy1.rt3.io', port: 1, url: 'command:remoteit.connectProxy', reverseProxy: false },
      { host: 'proxy1.rt3.io', port: null, url: 'file:///etc/passwd', reverseProxy: true },
      { host: 'proxy1.rt3.io', port: 1, url: 'javascript:alert(1)', reverseProxy: false },
      { host: 'proxy.example\nHost *\n  ProxyCommand touch /tmp/pwned', port: 1, url: 'http://proxy.example:1', reverseProxy: false },
      { host: 'proxy1.rt3.io', port: 70000, url: 'http://proxy1.rt3.io:1', reverseProxy: false },
    ];
    for (const fields of hostile) {
      await assert.rejects(new FakeApi(connect(fields)).api().connectProxy(SERVICE, '0.0.0.0'), (e: unknown) => e instanceof ApiError && e.kind === 'malformed', JSON.stringify(fields));
    }
  });

  it('passes each hostIP mode through unchanged', async () => {
    for (const hostIP of [PROXY_HOST_IP.latching, PROXY_HOST_IP.public, '203.0.113.7']) {
      const fake = new FakeApi(connect({ host: 'proxy1.rt3.io', port: 1, url: 'http://proxy1.rt3.io:1', reverseProxy: false }));
      await fake.api().connectProxy(SERVICE, hostIP);
      assert.equal((fake.requests[0].json.variables as { hostIP: string }).hostIP, hostIP);
    }
  });

  it('reports a connect answer without connection as malformed, and GraphQL errors as their message', async () => {
    await assert.rejects(new FakeApi(json({ data: { connect: null } })).api().connectProxy(SERVICE, '0.0.0.0'), (e: unknown) => e instanceof ApiError && e.kind === 'malformed');
    await assert.rejects(new FakeApi(connect({ host: 'proxy1.rt3.io', url: 'http://proxy1.rt3.io', reverseProxy: false })).api().connectProxy(SERVICE, '0.0.0.0'), (e: unknown) => e instanceof ApiError && e.kind === 'malformed');
    await assert.rejects(
      new FakeApi(json({ errors: [{ message: 'Service is offline' }], data: { connect: null } })).api().connectProxy(SERVICE, '0.0.0.0'),
      (e: unknown) => e instanceof ApiError && e.kind === 'graphql' && e.message === 'Service is offline',
    );
  });

  it('disconnects by service and connection id; false means it was already gone', async () => {
    const fake = new FakeApi(json({ data: { disconnect: true } }), json({ data: { disconnect: false } }));
    await fake.api().disconnectProxy(SERVICE, 'c1');
    assert.deepEqual(fake.requests[0].json.variables, { serviceId: SERVICE, connectionId: 'c1' });
    assert.match(fake.requests[0].json.query!, /disconnect\(serviceId: \$serviceId, connectionId: \$connectionId\)/);
    await assert.rejects(fake.api().disconnectProxy(SERVICE, 'c1'), (e: unknown) => e instanceof ApiError && e.kind === 'rejected' && /expired/.test(e.message));
  });
});

describe('applicationTypes (GraphQL)', () => {
  it('completes the API\'s types with icon and how to open them', async () => {
    const fake = new FakeApi(
      json({
        data: {
          applicationTypes: [
            { id: 28, name: 'SSH', description: 'Secure Shell', port: 22, protocol: 'TCP', proxy: false },
            { id: 30, name: 'HTTP', description: null, port: 80, protocol: 'TCP', proxy: true },
            { id: 99, name: 'Future Thing', port: 0, protocol: 'TCP', proxy: false },
          ],
        },
      }),
    );
    const types = await fake.api().applicationTypes();
    assert.deepEqual(types[0], { id: 28, name: 'SSH', defaultPort: 22, icon: 'terminal', open: 'ssh', description: 'Secure Shell', protocol: 'TCP', proxy: false });
    assert.equal(types[1].open, 'http');
    assert.deepEqual(types[2], { id: 99, name: 'Future Thing', defaultPort: null, icon: 'plug', open: 'copy', protocol: 'TCP', proxy: false });
  });

  it('rejects a list that is not one', async () => {
    await assert.rejects(new FakeApi(json({ data: { applicationTypes: null } })).api().applicationTypes(), (e: unknown) => e instanceof ApiError && e.kind === 'malformed');
  });
});
