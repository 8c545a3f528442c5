import * as assert from 'node:assert/strict';
import { DeviceStore, OWN_ACCOUNT } from '../../../src/core/account/deviceStore';
import { ApiError } from '../../../src/core/remoteit/errors';
import type { Device } from '../../../src/core/remoteit/model';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

function device(id: string, services = 1): Device {
  return {
    id,
    name: `device ${id}`,
    state: 'active',
    services: Array.from({ length: services }, (_, i) => ({ id: `${id}.${i}`, name: `svc ${i}`, state: 'active' as const, application: 28, port: 22, deviceId: id })),
  };
}

class Source {
  calls = 0;
  next: () => Promise<Device[]> = async () => [device('a', 2)];
  listDevices(): Promise<Device[]> {
    this.calls++;
    return this.next();
  }
}

describe('the device catalog (refresh, last good list, refused session)', () => {
  it('loads devices and indexes their services', async () => {
    const store = new DeviceStore(new Source(), quiet);
    await store.refresh();
    assert.equal(store.devices.length, 1);
    assert.equal(store.service('a.1')?.name, 'svc 1');
    assert.equal(store.device('a')?.name, 'device a');
  });

  it('a switch to another account during a refresh: the old answer is dropped, the new account is listed', async () => {
    let account = OWN_ACCOUNT;
    const answers: ((devices: Device[]) => void)[] = [];
    const store = new DeviceStore({ account: () => account, listDevices: () => new Promise<Device[]>((resolve) => answers.push(resolve)) }, quiet);
    const first = store.refresh();
    account = 'org-1';
    const second = store.refresh();
    assert.equal(answers.length, 2, 'the switch asked again instead of sharing the old request');
    answers[1]([device('org-device')]);
    await second;
    answers[0]([device('own-device')]);
    await first;
    assert.deepEqual(store.devices.map((d) => d.id), ['org-device']);
    assert.equal(store.listedAccount, 'org-1');
    assert.equal(store.loading, false);
  });

  it('a sign-out (clear) during a refresh: the late answer does not bring the devices back', async () => {
    let answer: (devices: Device[]) => void = () => undefined;
    const store = new DeviceStore({ listDevices: () => new Promise<Device[]>((resolve) => (answer = resolve)) }, quiet);
    const refresh = store.refresh();
    store.clear();
    answer([device('a')]);
    await refresh;
    assert.deepEqual(store.devices, []);
    assert.equal(store.listedAccount, undefined);
    assert.equal(store.loading, false);
  });

  it('knows when its list last loaded: a failed load keeps that time, sign-out forgets it', async () => {
    const source = new Source();
    let now = 1_000;
    const store = new DeviceStore(source, quiet, () => now);
    assert.equal(store.loadedAt, undefined);
    await store.refresh();
    assert.equal(store.loadedAt, 1_000);
    now = 5_000;
    source.next = async () => {
      throw new ApiError('server', 'remote.it answered 500 three times.', 500);
    };
    await assert.rejects(store.refresh());
    assert.equal(store.loadedAt, 1_000, 'the list shown is still the one loaded then');
    store.clear();
    assert.equal(store.loadedAt, undefined);
  });

  it('concurrent refreshes share one request', async () => {
    const source = new Source();
    const store = new DeviceStore(source, quiet);
    await Promise.all([store.refresh(), store.refresh(), store.refresh()]);
    assert.equal(source.calls, 1);
  });

  it('a failed refresh keeps the last good list and says why; the next success clears it', async () => {
    const source = new Source();
    const store = new DeviceStore(source, quiet);
    await store.refresh();
    source.next = async () => {
      throw new ApiError('server', 'remote.it answered 500 three times.', 500);
    };
    await assert.rejects(store.refresh());
    assert.equal(store.devices.length, 1, 'the last good list stays');
    assert.equal(store.error, 'remote.it answered 500 three times.');
    assert.equal(store.needsSignIn, false);
    source.next = async () => [device('a'), device('b')];
    await store.refresh();
    assert.equal(store.error, undefined);
    assert.equal(store.devices.length, 2);
  });

  it('a refused session (401/403) means sign in again, until a load succeeds', async () => {
    const source = new Source();
    source.next = async () => {
      throw new ApiError('auth', 'Your remote.it sign-in is no longer accepted.', 401);
    };
    const store = new DeviceStore(source, quiet);
    await assert.rejects(store.refresh());
    assert.equal(store.needsSignIn, true);
    source.next = async () => [device('a')];
    await store.refresh();
    assert.equal(store.needsSignIn, false);
  });

  it('reports membership changes (for a full redraw) and changed devices (for targeted ones)', async () => {
    const source = new Source();
    const store = new DeviceStore(source, quiet);
    const changes: { membership: boolean; changed: string[] }[] = [];
    store.onDidChange((c) => changes.push({ membership: c.membership, changed: [...c.changed] }));
    await store.refresh();
    assert.ok(changes.some((c) => c.membership));
    changes.length = 0;
    source.next = async () => [{ ...device('a', 2), name: 'renamed' }];
    await store.refresh();
    assert.ok(changes.some((c) => c.changed.includes('a') && !c.membership));
    store.clear();
    assert.equal(store.devices.length, 0);
  });
});
