import * as assert from 'node:assert/strict';
import { DeviceStore } from '../../../src/core/account/deviceStore';
import type { ConnectionSnapshot } from '../../../src/core/connections/types';
import type { Device } from '../../../src/core/remoteit/model';
import { MAX_TASKS, taskCandidates } from '../../../src/core/tasks/taskCandidates';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

function account(devices: number): Device[] {
  return Array.from({ length: devices }, (_, d) => ({
    id: `dev${d}`,
    name: `device ${d}`,
    state: 'active' as const,
    services: [0, 1, 2].map((s) => ({ id: `svc${d}.${s}`, name: `service ${s}`, state: 'active' as const, application: 28, port: 22, deviceId: `dev${d}` })),
  }));
}

/** The device store as the provider uses it, loaded with `lists` in turn, one per refresh. */
async function loaded(...lists: Device[][]): Promise<{ store: DeviceStore; next: () => Promise<void> }> {
  const store = new DeviceStore({ listDevices: async () => lists.shift() ?? [] }, quiet);
  await store.refresh();
  return { store, next: () => store.refresh() };
}

function live(serviceId: string, extra: Partial<ConnectionSnapshot> = {}): ConnectionSnapshot {
  return { id: serviceId, request: { serviceId, name: 'SSH', deviceName: 'pi' }, route: 'p2p', state: 'ready', bindAddress: '127.0.0.1', openTunnels: 0, reconnectAttempt: 0, ...extra };
}

describe('Run Task lists a short, useful set', () => {
  it('a 10,000-device account gives at most 30 tasks: live, kept, recent, then favourites', async () => {
    const devices = account(10_000);
    const { store } = await loaded(devices);
    const list = taskCandidates(store, [live('svc5.0'), live('svc6.1', { state: 'idle', request: { serviceId: 'svc6.1', name: 'kept', keepConnected: true } })], new Set(['dev9']), ['svc7.2']);
    assert.deepEqual(list.map((c) => c.serviceId), ['svc5.0', 'svc6.1', 'svc7.2', 'svc9.0', 'svc9.1', 'svc9.2']);
    assert.equal(list[0].label, 'pi – SSH');
    assert.equal(list[2].label, 'device 7 – service 2');
    const many = taskCandidates(store, [], new Set(devices.slice(0, 100).map((d) => d.id)), []);
    assert.equal(MAX_TASKS, 30);
    assert.equal(many.length, MAX_TASKS);
  });

  it('a closed connection that is not kept is not listed, nor a provisioning-file one', async () => {
    const { store } = await loaded([]);
    const list = taskCandidates(store, [live('a', { state: 'idle' }), live('/x.conf', { request: { serviceId: '/x.conf', name: 'f', provisioningFile: '/x.conf' } })], new Set(), []);
    assert.deepEqual(list, []);
  });

  it('follows the account’s next device list: a device that left is no longer offered, one that came is', async () => {
    const { store, next } = await loaded(account(3), [{ ...account(4)[1], name: 'renamed' }, account(4)[3]]);
    const favourites = new Set(['dev1', 'dev3']);
    assert.deepEqual(taskCandidates(store, [], favourites, ['svc0.0']).map((c) => c.serviceId), ['svc0.0', 'svc1.0', 'svc1.1', 'svc1.2']);
    await next();
    const list = taskCandidates(store, [], favourites, ['svc0.0']);
    assert.deepEqual(list.map((c) => c.serviceId), ['svc1.0', 'svc1.1', 'svc1.2', 'svc3.0', 'svc3.1', 'svc3.2']);
    assert.equal(list[0].label, 'renamed – service 0');
  });

  it('offers favourite devices in the account’s order, whatever order they were marked in', async () => {
    const { store } = await loaded(account(10).reverse());
    const list = taskCandidates(store, [], new Set(['dev2', 'dev8', 'dev5']), []);
    assert.deepEqual([...new Set(list.map((c) => c.serviceId.split('.')[0]))], ['svc8', 'svc5', 'svc2']);
  });
});
