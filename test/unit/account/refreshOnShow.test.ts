import * as assert from 'node:assert/strict';
import { refreshOnShow } from '../../../src/core/account/refreshOnShow';

const MINUTE = 60_000;
const shown = (extra: Partial<Parameters<typeof refreshOnShow>[0]>) =>
  refreshOnShow({ loadedAt: 0, now: 0, intervalMs: MINUTE, loading: false, hasDevices: true, ...extra });

describe('showing the Devices view again reloads the list only when it is stale', () => {
  it('a list loaded moments ago (the view opened right after sign-in) is not loaded again', () => {
    assert.equal(shown({ loadedAt: 1_000, now: 3_000 }), false);
  });

  it('a list older than one refresh interval is reloaded at once', () => {
    assert.equal(shown({ loadedAt: 1_000, now: 1_000 + MINUTE }), true);
    assert.equal(shown({ loadedAt: undefined, now: 5_000 }), true, 'never loaded successfully (only failures)');
  });

  it('nothing while a load runs, or before there is a list to refresh', () => {
    assert.equal(shown({ loadedAt: 0, now: 10 * MINUTE, loading: true }), false);
    assert.equal(shown({ loadedAt: 0, now: 10 * MINUTE, hasDevices: false }), false);
  });
});
