// Loading a 10,000-device account with the real API client (src/core/remoteit/api.ts, 1000 devices a page):
// first over a fetch that answers from memory (the client's own cost: requests, JSON, checking every
// device), then end to end over HTTP against the emulator's graphql-js server.
import { RemoteItApi, type AuthMaterial } from '../../src/core/remoteit/api';
import { startEmulator } from '../emulator/index';
import { ACCOUNT_SIZE, DEVICES, benchWorld, graphqlItems } from './account';
import { megabytes, measure, timeOnce, type Row, type Section } from './measure';

/** A fetch serving the Devices query from pre-built page texts, as the API pages them (≤ 1000 per page). */
function pagingFetch(items: Record<string, unknown>[]): { fetch: typeof fetch; bytesPerLoad(): number } {
  const pages = new Map<string, string>();
  const page = (from: number, size: number): string => {
    const key = `${from}:${size}`;
    let text = pages.get(key);
    if (text === undefined) {
      const slice = items.slice(from, from + Math.min(size, 1000));
      text = JSON.stringify({ data: { login: { devices: { total: items.length, hasMore: from + slice.length < items.length, items: slice } } } });
      pages.set(key, text);
    }
    return text;
  };
  const fakeFetch = (async (_url: string | URL | Request, init?: RequestInit) => {
    const { variables } = JSON.parse(String(init?.body)) as { variables: { from: number; size: number } };
    return new Response(page(variables.from, variables.size), { status: 200, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return { fetch: fakeFetch, bytesPerLoad: () => [...pages.values()].reduce((sum, text) => sum + Buffer.byteLength(text), 0) };
}

async function loadAll(api: RemoteItApi): Promise<void> {
  const devices = await api.listDevices();
  if (devices.length !== DEVICES) throw new Error(`listDevices returned ${devices.length} devices, expected ${DEVICES}`);
}

export const apiPagingSection: Section = {
  title: `3. API client: listDevices of a ${ACCOUNT_SIZE} account (1000 per page)`,
  async run() {
    const world = benchWorld();
    const token: AuthMaterial = { kind: 'token', token: 'BENCH-TOKEN' };
    const fake = pagingFetch(graphqlItems(world));
    const inMemory = new RemoteItApi({ baseUrl: 'https://api.bench.test', fetch: fake.fetch }, token);
    await loadAll(inMemory);
    const rows: Row[] = [await measure('listDevices over an in-memory fetch (10 pages)', () => loadAll(inMemory), { unitsPerOp: DEVICES, unit: 'devices', size: megabytes(fake.bytesPerLoad()), minMs: 1500 })];

    const emulator = await startEmulator({ world });
    try {
      const account = world.accounts[0];
      const signIn = new RemoteItApi({ baseUrl: emulator.url, fetch });
      const login = await timeOnce(() => signIn.loginWithPassword(account.email, account.password));
      rows.push({ name: 'emulator: REST sign-in (first request)', iterations: 1, totalMs: login.ms });
      const overHttp = new RemoteItApi({ baseUrl: emulator.url, fetch }, { kind: 'token', token: login.value.token });
      rows.push(await measure('emulator: listDevices over HTTP + GraphQL (10 pages)', () => loadAll(overHttp), { unitsPerOp: DEVICES, unit: 'devices', size: ACCOUNT_SIZE, minMs: 3000, minIterations: 2 }));
    } finally {
      await emulator.close();
    }
    return { rows };
  },
};
