import * as assert from 'node:assert/strict';
import type { ConnectionSnapshot } from '../../../src/core/connections/types';
import type { Device } from '../../../src/core/remoteit/model';
import { MAX_TASKS, taskCandidates } from '../../../src/core/tasks/taskCandidates';

function account(devices: number): Device[] {
  return Array.from({ length: devices }, (_, d) => ({
    id: `dev${d}`,
    name: `device ${d}`,
    state: 'active' as const,
    services: [0, 1, 2].map((s) => ({ id: `svc${d}.${s}`, name: `service ${s}`, state: 'active' as const, application: 28, port: 22, deviceId: `dev${d}` })),
  }));
}

function live(serviceId: string, extra: Partial<ConnectionSnapshot> = {}): ConnectionSnapshot {
  return { id: serviceId, request: { serviceId, name: 'SSH', deviceName: 'pi' }, route: 'p2p', state: 'ready', bindAddress: '127.0.0.1', openTunnels: 0, reconnectAttempt: 0, ...extra };
}

describe('Run Task lists a short, useful set', () => {
  it('a 10,000-device account gives at most 50 tasks: live, kept, recent, then favourites', () => {
    const devices = account(10_000);
    const list = taskCandidates(devices, [live('svc5.0'), live('svc6.1', { state: 'idle', request: { serviceId: 'svc6.1', name: 'kept', keepConnected: true } })], new Set(['dev9']), ['svc7.2']);
    assert.deepEqual(list.map((c) => c.serviceId), ['svc5.0', 'svc6.1', 'svc7.2', 'svc9.0', 'svc9.1', 'svc9.2']);
    assert.equal(list[0].label, 'pi – SSH');
    assert.equal(list[2].label, 'device 7 – service 2');
    const many = taskCandidates(devices, [], new Set(devices.slice(0, 100).map((d) => d.id)), []);
    assert.equal(many.length, MAX_TASKS);
  });

  it('a closed connection that is not kept is not listed, nor a provisioning-file one', () => {
    const list = taskCandidates([], [live('a', { state: 'idle' }), live('/x.conf', { request: { serviceId: '/x.conf', name: 'f', provisioningFile: '/x.conf' } })], new Set(), []);
    assert.deepEqual(list, []);
  });
});
