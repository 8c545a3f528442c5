import * as assert from 'node:assert/strict';
import type { ConnectionSnapshot } from '../../../src/core/connections/types';
import type { Device, Service } from '../../../src/core/remoteit/model';
import { serviceOnline } from '../../../src/core/remoteit/reachability';
import { deviceRow, deviceTooltip, serviceRow, serviceTooltip } from '../../../src/core/tree/rowContent';

const SSH_ID = '80:00:00:00:01:00:00:01';

function service(extra: Partial<Service> = {}): Service {
  return { id: SSH_ID, name: 'SSH', state: 'active', application: 28, port: 22, deviceId: '80:00:00:00:01:00:00:00', ...extra };
}

function device(extra: Partial<Device> = {}): Device {
  return { id: '80:00:00:00:01:00:00:00', name: 'Pi', state: 'active', services: [service()], ...extra };
}

function connection(state: ConnectionSnapshot['state'], extra: Partial<ConnectionSnapshot> = {}): ConnectionSnapshot {
  return { id: SSH_ID, request: { serviceId: SSH_ID, name: 'SSH' }, route: 'p2p', state, bindAddress: '127.0.0.1', openTunnels: 0, reconnectAttempt: 0, ...extra };
}

describe('what a row of the Devices view says', () => {
  it('a service row names its port and state once, without repeating a type its name already says', () => {
    assert.equal(serviceRow(service(), undefined).description, ':22 · online');
    assert.equal(serviceRow(service({ name: 'Admin panel', application: 8, port: 443 }), undefined).description, 'HTTPS :443 · online');
    assert.equal(serviceRow(service({ state: 'inactive' }), undefined).description, ':22 · offline');
  });

  it('a connected service shows where it listens, turns green, and a click opens it', () => {
    const ready = connection('ready', { port: 33001, request: { serviceId: SSH_ID, name: 'SSH', keepConnected: true } });
    const row = serviceRow(service(), ready);
    assert.equal(row.description, '127.0.0.1:33001 · kept');
    assert.deepEqual(row.icon, { id: 'terminal', color: 'charts.green' });
    assert.equal(row.contextValue, 'rit.service.ready.ssh.kept');
    assert.equal(row.opens, true);
    assert.match(serviceTooltip(service(), 'Pi', ready), /Kept connected across restarts/);
  });

  it('an idle or failed service does not open on click; a failure is drawn in the error colour', () => {
    assert.equal(serviceRow(service(), undefined).opens, false);
    const failed = serviceRow(service(), connection('failed', { failure: { message: 'unreachable', action: 'unreachable' } }));
    assert.equal(failed.opens, false);
    assert.equal(failed.icon.color, 'errorForeground');
    assert.equal(failed.contextValue, 'rit.service.failed.ssh.unkept');
  });

  it('a device row is short: the icon says online, the count only for several services, favourites starred', () => {
    assert.equal(deviceRow(device(), { favourite: false, live: 0 }).description, '');
    const two = device({ services: [service(), service({ id: '80:00:00:00:01:00:00:02', name: 'Web', application: 7, port: 80 })] });
    assert.equal(deviceRow(two, { favourite: true, live: 0 }).description, '★ · 2 services');
    assert.equal(deviceRow(two, { favourite: false, live: 1 }).description, '1 connected');
    const offline = deviceRow(device({ state: 'inactive' }), { favourite: false, live: 0 });
    assert.equal(offline.description, 'offline');
    assert.deepEqual(offline.icon, { id: 'vm-outline', color: 'disabledForeground' });
    assert.equal(offline.contextValue, 'rit.device.offline.notFavourite');
  });

  it('a device tooltip names the platform in words, not its number', () => {
    assert.match(deviceTooltip(device({ platform: 1072 })), /Platform: Raspberry Pi/);
  });

  it('hostile names stay text: no link, no icon, no extra line in a label or tooltip', () => {
    const name = '[run](command:remoteit.connectProxy?%5B%221.2.3.4%22%5D) $(zap)\nHost *';
    assert.ok(!serviceRow(service({ name }), undefined).label.includes('\n'));
    const tip = serviceTooltip(service({ name }), name, undefined);
    assert.ok(!/\]\(command:/.test(tip), tip);
    assert.ok(!/(^|[^\\])\$\(zap\)/.test(tip), tip);
    const hostile = device({ name, owner: { id: 'u', email: '<img src=x>@evil' } });
    assert.ok(!deviceRow(hostile, { favourite: false, live: 0 }).label.includes('\n'));
    const devTip = deviceTooltip(hostile);
    assert.ok(!/\]\(command:/.test(devTip), devTip);
    assert.ok(!/(^|[^\\])<img/.test(devTip), devTip);
  });
});

describe('whether remote.it can reach a service', () => {
  it('only when the service is active and its device is not offline', () => {
    assert.equal(serviceOnline(service(), device()), true);
    assert.equal(serviceOnline(service(), undefined), true);
    assert.equal(serviceOnline(service({ state: 'inactive' }), device()), false);
    assert.equal(serviceOnline(service(), device({ state: 'inactive' })), false);
  });
});
