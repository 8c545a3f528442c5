import * as assert from 'node:assert/strict';
import { diffDevices, visibleDevices, type DeviceListOptions } from '../../../src/core/tree/deviceList';
import type { Device } from '../../../src/core/remoteit/model';

function device(id: string, name: string, state: 'active' | 'inactive', services: string[] = [], lastReported?: string): Device {
  return {
    id,
    name,
    state,
    lastReported,
    services: services.map((s, i) => ({ id: `${id}-${i}`, name: s, state, application: 28, port: 22, deviceId: id })),
  };
}

const base: DeviceListOptions = { filter: '', onlineOnly: false, sort: 'name', favourites: new Set() };

describe('device list (what the Devices view shows)', () => {
  const devices = [
    device('c', 'cabin gateway', 'inactive', ['SSH']),
    device('a', 'Office Pi', 'active', ['SSH', 'Web Admin']),
    device('b', 'lab server', 'active', ['Grafana', 'PostgreSQL'], '2026-11-20'),
    device('d', 'Lab server 10', 'active', [], '2026-11-22'),
    device('e', 'Lab server 9', 'active', []),
  ];

  it('sorts by name case-insensitively with numbers in natural order', () => {
    const names = visibleDevices(devices, base).map((r) => r.device.name);
    assert.deepEqual(names, ['cabin gateway', 'lab server', 'Lab server 9', 'Lab server 10', 'Office Pi']);
  });

  it('pins favourites on top, keeping the chosen order among them', () => {
    const names = visibleDevices(devices, { ...base, favourites: new Set(['a', 'e']) }).map((r) => r.device.name);
    assert.deepEqual(names.slice(0, 2), ['Lab server 9', 'Office Pi']);
  });

  it('hides offline devices when "online only" is on', () => {
    const names = visibleDevices(devices, { ...base, onlineOnly: true }).map((r) => r.device.name);
    assert.ok(!names.includes('cabin gateway'));
    assert.equal(names.length, 4);
  });

  it('filters by device name and shows all of its services', () => {
    const rows = visibleDevices(devices, { ...base, filter: 'OFFICE' });
    assert.equal(rows.length, 1);
    assert.deepEqual(rows[0].services.map((s) => s.name), ['SSH', 'Web Admin']);
  });

  it('filters by service name and shows only the matching services', () => {
    const rows = visibleDevices(devices, { ...base, filter: 'graf' });
    assert.deepEqual(rows.map((r) => r.device.id), ['b']);
    assert.deepEqual(rows[0].services.map((s) => s.name), ['Grafana']);
  });

  it('sorts online devices first, and most recently reported first', () => {
    assert.equal(visibleDevices(devices, { ...base, sort: 'state' }).at(-1)?.device.id, 'c');
    assert.deepEqual(visibleDevices(devices, { ...base, sort: 'lastReported' }).slice(0, 2).map((r) => r.device.id), ['d', 'b']);
  });

  it('breaks ties in the chosen order by name, and puts devices that never reported last', () => {
    const online = visibleDevices(devices, { ...base, sort: 'state' }).map((r) => r.device.name);
    assert.deepEqual(online, ['lab server', 'Lab server 9', 'Lab server 10', 'Office Pi', 'cabin gateway']);
    const recent = visibleDevices(devices, { ...base, sort: 'lastReported' }).map((r) => r.device.id);
    assert.deepEqual(recent, ['d', 'b', 'c', 'e', 'a']);
    // Times with another offset are compared as times, not as text.
    const zones = [device('x', 'x', 'active', [], '2026-11-22T10:00:00+02:00'), device('y', 'y', 'active', [], '2026-11-22T09:30:00Z')];
    assert.deepEqual(visibleDevices(zones, { ...base, sort: 'lastReported' }).map((r) => r.device.id), ['y', 'x']);
  });

  it('sorts a newly loaded list by its own names, not by the previous list\'s order', () => {
    assert.deepEqual(visibleDevices([device('p', 'b', 'active'), device('q', 'a', 'active')], base).map((r) => r.device.id), ['q', 'p']);
    assert.deepEqual(visibleDevices([device('p', 'a', 'active'), device('q', 'b', 'active')], base).map((r) => r.device.id), ['p', 'q']);
  });

  it('filters a 10,000-device account without losing matches', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => device(`id${i}`, `device-${i}`, i % 2 ? 'active' : 'inactive', ['SSH', 'HTTP', 'VNC']));
    assert.equal(visibleDevices(many, { ...base, filter: 'device-99' }).length, 111);
  });
});

describe('device diff (targeted tree refresh)', () => {
  it('reports nothing when a refresh changes nothing', () => {
    const a = [device('a', 'A', 'active', ['SSH'])];
    const b = [device('a', 'A', 'active', ['SSH'])];
    assert.deepEqual(diffDevices(a, b), { changed: [], membership: false });
  });

  it('names the device whose service went offline', () => {
    const a = [device('a', 'A', 'active', ['SSH']), device('b', 'B', 'active', ['SSH'])];
    const b = [device('a', 'A', 'active', ['SSH']), device('b', 'B', 'active', ['SSH'])];
    b[1].services[0].state = 'inactive';
    assert.deepEqual(diffDevices(a, b), { changed: ['b'], membership: false });
  });

  it('flags membership when a device appears or disappears', () => {
    const a = [device('a', 'A', 'active')];
    assert.equal(diffDevices(a, [...a, device('b', 'B', 'active')]).membership, true);
    assert.equal(diffDevices(a, [device('z', 'Z', 'active')]).membership, true);
  });
});
