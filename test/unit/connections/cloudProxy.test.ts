import * as assert from 'node:assert/strict';
import type { ProxyEndpoint } from '../../../src/core/connections/types';
import { ApiError } from '../../../src/core/remoteit/errors';
import { settle } from './fakes';
import { Harness, HTTP } from './harness';

const ID = HTTP.serviceId;
const endpoint: ProxyEndpoint = { id: 'conn-1', host: 'proxy.example', port: 31000, address: 'proxy.example:31000', url: 'http://proxy.example:31000', timeout: 3600 };

class FakeCloud {
  readonly calls: string[] = [];
  answer: ProxyEndpoint | Error = endpoint;
  async connect(serviceId: string, hostIp: string): Promise<ProxyEndpoint> {
    this.calls.push(`connect ${serviceId} ${hostIp}`);
    if (this.answer instanceof Error) throw this.answer;
    return this.answer;
  }
  async disconnect(serviceId: string, connectionId: string): Promise<void> {
    this.calls.push(`disconnect ${serviceId} ${connectionId}`);
  }
}

describe('cloud-proxy connections are connections', () => {
  let h: Harness;
  let cloud: FakeCloud;
  beforeEach(async () => {
    h = await Harness.create();
    cloud = new FakeCloud();
    h.cloudProxy = cloud;
    h.manager = h.newManager();
  });
  afterEach(() => h.dispose());

  it('go starting → ready through the same manager, listed with the others, no connectd spawned', async () => {
    await h.manager.start({ ...HTTP, route: 'proxy' });
    const ready = await h.manager.waitUntilReady(ID, 1000);
    assert.equal(ready.route, 'proxy');
    assert.deepEqual(ready.proxy, endpoint);
    assert.deepEqual(h.states(ID), ['starting', 'ready']);
    assert.equal(h.spawner.processes.length, 0);
    assert.deepEqual(cloud.calls, [`connect ${ID} 255.255.255.255`]);
    assert.equal(h.manager.list().length, 1);
  });

  it('use the host IP the user chose, and close through the API on Disconnect', async () => {
    await h.manager.start({ ...HTTP, route: 'proxy', hostIp: '203.0.113.7' });
    await h.manager.stop(ID);
    assert.deepEqual(cloud.calls, [`connect ${ID} 203.0.113.7`, `disconnect ${ID} conn-1`]);
    assert.deepEqual(h.states(ID), ['starting', 'ready', 'stopping', 'idle']);
  });

  it('a refused session fails with Sign In, any other API failure with Retry', async () => {
    cloud.answer = new ApiError('auth', 'Your remote.it sign-in is no longer accepted.', 401);
    await h.manager.start({ ...HTTP, route: 'proxy' });
    assert.equal(h.manager.get(ID)?.state, 'failed');
    assert.equal(h.manager.get(ID)?.failure?.action, 'signIn');
    cloud.answer = new ApiError('server', 'remote.it answered 500.', 500);
    await h.manager.start({ ...HTTP, route: 'proxy' });
    assert.equal(h.manager.get(ID)?.failure?.action, 'retry');
  });

  it('ends at the end of its lifetime with the reason', async () => {
    await h.manager.start({ ...HTTP, route: 'proxy' });
    await h.clock.advance(3600 * 1000);
    await settle();
    const s = h.manager.get(ID)!;
    assert.equal(s.state, 'idle');
    assert.match(s.failure?.message ?? '', /lifetime/);
  });

  it('stopAll and dispose close proxy connections too', async () => {
    await h.manager.start({ ...HTTP, route: 'proxy' });
    await h.manager.dispose();
    assert.deepEqual(cloud.calls, [`connect ${ID} 255.255.255.255`, `disconnect ${ID} conn-1`]);
  });

  it('a kept proxy connection is restored as a proxy connection', async () => {
    await h.manager.start({ ...HTTP, route: 'proxy', keepConnected: true });
    await h.manager.dispose();
    h.manager = h.newManager();
    await h.manager.restore();
    assert.equal(h.manager.get(ID)?.route, 'proxy');
    assert.equal(h.spawner.processes.length, 0);
  });
});
