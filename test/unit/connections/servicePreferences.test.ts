import * as assert from 'node:assert/strict';
import { ServicePreferenceStore } from '../../../src/core/connections/servicePreferences';
import { MemoryStore } from './fakes';

const ID = '80:00:00:00:01:00:0A:C2';
const OTHER = '80:00:00:00:01:00:0A:C3';

describe('per-service preferences (Set Local Port…, Route)', () => {
  it('remembers a port and a route per service, and feeds the request builder', async () => {
    const prefs = new ServicePreferenceStore(new MemoryStore());
    await prefs.set(ID, { port: 33222 });
    await prefs.set(ID, { route: 'proxy' });
    assert.deepEqual(prefs.get(ID), { port: 33222, route: 'proxy' });
    assert.deepEqual(prefs.forRequest(ID), { port: 33222, route: 'proxy' });
    await prefs.set(ID, { route: 'p2p' });
    assert.deepEqual(prefs.forRequest(ID), { port: 33222 }, 'peer-to-peer only is the engine default');
  });

  it('clears a value, and keeps what another window stored for other services', async () => {
    const store = new MemoryStore();
    const first = new ServicePreferenceStore(store);
    const second = new ServicePreferenceStore(store);
    await first.set(ID, { port: 33222 });
    await second.set(OTHER, { route: 'proxy' });
    await first.set(ID, { port: undefined });
    assert.deepEqual(first.get(ID), {});
    assert.deepEqual(first.get(OTHER), { route: 'proxy' });
  });

  it('ignores hostile stored values', async () => {
    const store = new MemoryStore();
    await store.set('remoteit.servicePreferences', { [ID]: { port: '33000\nHost *', route: 'everywhere' } });
    assert.deepEqual(new ServicePreferenceStore(store).get(ID), {});
  });
});
