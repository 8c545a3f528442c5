import * as assert from 'node:assert/strict';
import { ApiError } from '../../../src/core/remoteit/api';
import { FakeApi, json, type SeenRequest } from './fakeApi';

interface RawDevice {
  id: string;
  name: string;
  state: string;
  services: { id: string; name: string; state: string; application: number; port: number | null; title?: string }[];
}

function rawDevice(i: number): RawDevice {
  const hex = i.toString(16).toUpperCase().padStart(4, '0');
  const id = `80:00:00:00:01:00:${hex.slice(0, 2)}:${hex.slice(2)}`;
  return {
    id,
    name: `device-${i}`,
    state: i % 3 === 0 ? 'inactive' : 'active',
    services: [
      { id: `${id}:01`, name: 'ssh', state: 'active', application: 28, port: 22, title: 'SSH' },
      { id: `${id}:02`, name: 'web', state: 'active', application: 7, port: 80, title: 'HTTP' },
      { id: `${id}:03`, name: 'bulk', state: 'active', application: 35, port: 65535, title: 'Bulk Service' },
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
        { size: 1000, from: 0 },
        { size: 1000, from: 1000 },
        { size: 1000, from: 2000 },
      ],
    );
    assert.deepEqual(progress, [
      [1000, 2500],
      [2000, 2500],
      [2500, 2500],
    ]);
    assert.match(fake.requests[0].json.query!, /login\s*\{\s*devices\(size: \$size, from: \$from, name: \$name, state: \$state\)/);
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
        { id: `${ACCOUNT[0].id}:01`, name: 'ssh', state: 'active', application: 28, port: 22, title: 'SSH', deviceId: ACCOUNT[0].id },
        { id: `${ACCOUNT[0].id}:02`, name: 'web', state: 'active', application: 7, port: 80, title: 'HTTP', deviceId: ACCOUNT[0].id },
      ],
    });
    assert.equal(fourth.state, 'inactive');
  });

  it('passes the name and state filters and a smaller page size through, capping the size at 1000', async () => {
    const fake = new FakeApi(pagingServer(ACCOUNT));
    const found = await fake.api().listDevices({ name: 'device-12', state: 'active', pageSize: 5 });
    assert.ok(found.every((d) => d.name.includes('device-12') && d.state === 'active'));
    assert.deepEqual(fake.requests[0].json.variables, { size: 5, from: 0, name: 'device-12', state: 'active' });
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

  it('rejects a page with a broken device as a whole: no partial list', async () => {
    const broken = [...ACCOUNT.slice(0, 3), { name: 'no id', state: 'active', services: [] }];
    const fake = new FakeApi(json({ data: { login: { devices: { total: 4, hasMore: false, items: broken } } } }));
    const pages: number[] = [];
    await assert.rejects(fake.api().listDevices({ onPage: (n) => pages.push(n) }), (err: unknown) => err instanceof ApiError && err.kind === 'malformed' && /device id/.test(err.message));
    assert.deepEqual(pages, []);
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
