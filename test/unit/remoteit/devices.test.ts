import * as assert from 'node:assert/strict';
import { ApiError } from '../../../src/core/remoteit/api';
import { applicationType } from '../../../src/core/remoteit/applicationTypes';
import { FakeApi, json, type SeenRequest } from './fakeApi';

interface RawDevice {
  id: string;
  name: string;
  state: string;
  services: { id: string; name: string; state: string; application: number; port: number | null; title?: string }[];
}

function rawDevice(i: number): RawDevice {
  const hex = i.toString(16).toUpperCase().padStart(4, '0');
  const prefix = `80:00:00:00:01:${hex.slice(0, 2)}:${hex.slice(2)}`;
  return {
    id: `${prefix}:00`,
    name: `device-${i}`,
    state: i % 3 === 0 ? 'inactive' : 'active',
    services: [
      { id: `${prefix}:01`, name: 'ssh', state: 'active', application: 28, port: 22, title: 'SSH' },
      { id: `${prefix}:02`, name: 'web', state: 'active', application: 7, port: 80, title: 'HTTP' },
      { id: `${prefix}:03`, name: 'bulk', state: 'active', application: 35, port: 65535, title: 'Bulk Service' },
    ],
  };
}

/** A GraphQL server holding `devices`, paging them as the API does (size capped at 1000). */
function pagingServer(devices: RawDevice[]) {
  return (request: SeenRequest) => {
    const v = request.json.variables as { size: number; from: number; name?: string; state?: string };
    const matching = devices.filter((d) => (!v.name || d.name.includes(v.name)) && (!v.state || d.state === v.state));
    const size = Math.min(v.size, 1000);
    const items = matching.slice(v.from, v.from + size);
    return json({ data: { login: { devices: { total: matching.length, hasMore: v.from + items.length < matching.length, items } } } });
  };
}

const ACCOUNT = Array.from({ length: 2500 }, (_, i) => rawDevice(i));

describe('listDevices (GraphQL, paged)', () => {
  it('loads a 2,500-device account in three pages of at most 1000, reporting progress', async () => {
    const fake = new FakeApi(pagingServer(ACCOUNT));
    const progress: [number, number][] = [];
    const devices = await fake.api().listDevices({ onPage: (loaded, total) => progress.push([loaded, total]) });

    assert.equal(devices.length, 2500);
    assert.equal(new Set(devices.map((d) => d.id)).size, 2500);
    assert.deepEqual(
      fake.requests.map((r) => r.json.variables),
      [
        { size: 1000, from: 0, sort: 'name' },
        { size: 1000, from: 1000, sort: 'name' },
        { size: 1000, from: 2000, sort: 'name' },
      ],
    );
    assert.deepEqual(progress, [
      [1000, 2500],
      [2000, 2500],
      [2500, 2500],
    ]);
    assert.match(fake.requests[0].json.query!, /login\s*\{\s*devices\(size: \$size, from: \$from, name: \$name, state: \$state, sort: \$sort\)/);
    assert.equal(fake.requests[0].url, 'https://api.example.test/graphql/v1');
    assert.equal(fake.requests[0].headers.token, 'TOKEN-1');
  });

  it('maps devices and services into the model, without the device\'s own Bulk Service entry', async () => {
    const fake = new FakeApi(pagingServer(ACCOUNT.slice(0, 4)));
    const [first, , , fourth] = await fake.api().listDevices();
    assert.deepEqual(first, {
      id: ACCOUNT[0].id,
      name: 'device-0',
      state: 'inactive',
      services: [
        { id: ACCOUNT[0].services[0].id, name: 'ssh', state: 'active', application: 28, port: 22, title: 'SSH', deviceId: ACCOUNT[0].id },
        { id: ACCOUNT[0].services[1].id, name: 'web', state: 'active', application: 7, port: 80, title: 'HTTP', deviceId: ACCOUNT[0].id },
      ],
    });
    assert.equal(fourth.state, 'inactive');
  });

  it('passes the name and state filters and a smaller page size through, capping the size at 1000', async () => {
    const fake = new FakeApi(pagingServer(ACCOUNT));
    const found = await fake.api().listDevices({ name: 'device-12', state: 'active', pageSize: 5 });
    assert.ok(found.every((d) => d.name.includes('device-12') && d.state === 'active'));
    assert.deepEqual(fake.requests[0].json.variables, { size: 5, from: 0, sort: 'name', name: 'device-12', state: 'active' });
    assert.equal(fake.requests.length, Math.ceil(found.length / 5));

    const capped = new FakeApi(pagingServer(ACCOUNT));
    await capped.api().listDevices({ pageSize: 5000 });
    assert.equal((capped.requests[0].json.variables as { size: number }).size, 1000);
  });

  it('keeps device ids unique when a device shifts onto the next page while loading', async () => {
    const page = (items: RawDevice[], hasMore: boolean) => json({ data: { login: { devices: { total: 3, hasMore, items } } } });
    const fake = new FakeApi(page(ACCOUNT.slice(0, 2), true), page(ACCOUNT.slice(1, 3), false));
    const devices = await fake.api().listDevices({ pageSize: 2 });
    assert.deepEqual(devices.map((d) => d.name), ['device-0', 'device-1', 'device-2']);
  });

  it('stops with an error when the API keeps saying hasMore but sends nothing new', async () => {
    const fake = new FakeApi(json({ data: { login: { devices: { total: 5000, hasMore: true, items: ACCOUNT.slice(0, 2) } } } }));
    await assert.rejects(fake.api().listDevices({ pageSize: 2 }), (err: unknown) => err instanceof ApiError && err.kind === 'malformed');
    assert.equal(fake.requests.length, 2);
  });

  it('shows records with the fields the schema leaves nullable empty, with fallbacks, and keeps the rest of the list', async () => {
    const [a, b] = ACCOUNT;
    const items = [
      { ...a, name: null, owner: { id: 'owner-7', email: null }, services: [{ id: a.services[0].id, name: null, state: 'active', application: null, port: null, title: null }] },
      b,
    ];
    const devices = await new FakeApi(json({ data: { login: { devices: { total: 2, hasMore: false, items } } } })).api().listDevices();
    assert.deepEqual(devices[0], {
      id: a.id,
      name: a.id,
      state: 'inactive',
      owner: { id: 'owner-7', email: 'owner-7' },
      services: [{ id: a.services[0].id, name: a.services[0].id, state: 'active', application: 0, port: null, deviceId: a.id }],
    });
    assert.equal(applicationType(devices[0].services[0].application).name, 'unknown type');
    assert.equal(devices[1].name, 'device-1');
  });

  it('leaves out a record whose id is not a remote.it address (a newline, a missing id), says how many, and lists the rest', async () => {
    const [a, b, c] = ACCOUNT;
    const hostile = [
      { name: 'no id', state: 'active', services: [] },
      { ...b, id: `${b.id}\nHost *` },
      { ...c, services: [{ ...c.services[0], id: 'x\n  ProxyCommand touch /tmp/pwned' }, c.services[1]] },
      null,
      a,
    ];
    const skipped: number[] = [];
    const devices = await new FakeApi(json({ data: { login: { devices: { total: 5, hasMore: false, items: hostile } } } })).api().listDevices({ onSkipped: (n) => skipped.push(n) });
    assert.deepEqual(devices.map((d) => d.id), [c.id, a.id]);
    assert.deepEqual(devices[0].services.map((s) => s.id), [c.services[1].id]);
    assert.deepEqual(skipped, [3]);
  });

  it('counts left-out records in `from` and stops once the total is read, even if hasMore stays true', async () => {
    const page = (items: unknown[]) => json({ data: { login: { devices: { total: 4, hasMore: true, items } } } });
    const fake = new FakeApi(page([ACCOUNT[0], { id: 'bad' }]), page([ACCOUNT[2], ACCOUNT[3]]));
    const devices = await fake.api().listDevices({ pageSize: 2 });
    assert.equal(devices.length, 3);
    assert.deepEqual(fake.requests.map((r) => (r.json.variables as { from: number }).from), [0, 2]);
  });

  it('follows a bounded number of pages, then says the account is too large to list whole', async () => {
    let served = 0;
    const endless = () => json({ data: { login: { devices: { total: 1e9, hasMore: true, items: [rawDevice(served++)] } } } });
    const fake = new FakeApi(endless);
    await assert.rejects(fake.api().listDevices({ pageSize: 1, maxPages: 50 }), (err: unknown) => err instanceof ApiError && err.kind === 'tooLarge' && /more than 50 devices.*Filter the devices by name/.test(err.message));
    assert.equal(fake.requests.length, 50);
  });

  it('lists an organisation\'s devices through login { account(id:) }', async () => {
    const fake = new FakeApi(json({ data: { login: { account: { devices: { total: 1, hasMore: false, items: [ACCOUNT[1]] } } } } }), json({ data: { login: { account: null } } }));
    const devices = await fake.api().listDevices({ accountId: 'ORG-1' });
    assert.deepEqual(devices.map((d) => d.name), ['device-1']);
    assert.match(fake.requests[0].json.query!, /account\(id: \$account\)\s*\{\s*devices\(/);
    assert.equal((fake.requests[0].json.variables as { account: string }).account, 'ORG-1');
    await assert.rejects(fake.api().listDevices({ accountId: 'ORG-1' }), (err: unknown) => err instanceof ApiError && err.kind === 'rejected' && /no longer shares/.test(err.message));
  });

  it('fails a later page without returning the earlier ones', async () => {
    const fake = new FakeApi(pagingServer(ACCOUNT), pagingServer(ACCOUNT), json({ data: { login: { devices: { total: 2500, hasMore: false } } } }));
    await assert.rejects(fake.api().listDevices(), (err: unknown) => err instanceof ApiError && err.kind === 'malformed');
    assert.equal(fake.requests.length, 3);
  });

  it('treats login: null as a sign-in that is no longer valid', async () => {
    const fake = new FakeApi(json({ data: { login: null } }));
    await assert.rejects(fake.api().listDevices(), (err: unknown) => err instanceof ApiError && err.kind === 'auth');
  });

  it('stops between pages when cancelled', async () => {
    const controller = new AbortController();
    const fake = new FakeApi(pagingServer(ACCOUNT));
    await assert.rejects(
      fake.api().listDevices({ signal: controller.signal, onPage: () => controller.abort() }),
      (err: unknown) => err instanceof ApiError && err.kind === 'cancelled',
    );
    assert.equal(fake.requests.length, 1);
  });
});
