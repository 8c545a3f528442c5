import * as assert from 'node:assert/strict';
import { applyViewChange, DEFAULT_VIEW_PREFERENCES, readViewPreferences, type ViewChange } from '../../../src/core/tree/viewPreferences';

/** Two windows sharing one storage, each applying its change to what is stored at the moment it writes. */
function sharedStorage() {
  let stored: unknown;
  return {
    write: (change: ViewChange) => (stored = applyViewChange(stored, change)),
    read: () => readViewPreferences(stored),
  };
}

describe('view preferences shared by windows', () => {
  it('favourites set in two windows both survive', () => {
    const storage = sharedStorage();
    // Both windows loaded the (empty) preferences before either starred anything.
    storage.write({ kind: 'favourite', deviceId: 'window-1-device', favourite: true });
    storage.write({ kind: 'favourite', deviceId: 'window-2-device', favourite: true });
    assert.deepEqual(storage.read().favourites, ['window-1-device', 'window-2-device']);
  });

  it('a filter, sort or online-only change in one window keeps the other window\'s favourites', () => {
    const storage = sharedStorage();
    storage.write({ kind: 'favourite', deviceId: 'd1', favourite: true });
    storage.write({ kind: 'filter', filter: '  pi  ' });
    storage.write({ kind: 'sort', sort: 'state' });
    storage.write({ kind: 'onlineOnly', onlineOnly: true });
    assert.deepEqual(storage.read(), { filter: 'pi', onlineOnly: true, sort: 'state', favourites: ['d1'] });
  });

  it('un-starring in one window removes only that device, and starring twice keeps one entry', () => {
    const storage = sharedStorage();
    for (const id of ['a', 'b', 'b']) storage.write({ kind: 'favourite', deviceId: id, favourite: true });
    storage.write({ kind: 'favourite', deviceId: 'a', favourite: false });
    storage.write({ kind: 'favourite', deviceId: 'c', favourite: false });
    assert.deepEqual(storage.read().favourites, ['b']);
  });

  it('reads a corrupted or foreign store as defaults, key by key', () => {
    assert.deepEqual(readViewPreferences(undefined), DEFAULT_VIEW_PREFERENCES);
    assert.deepEqual(readViewPreferences('garbage'), DEFAULT_VIEW_PREFERENCES);
    assert.deepEqual(readViewPreferences({ filter: 7, onlineOnly: 'yes', sort: 'evil', favourites: ['a', 1, null, 'a'] }), { ...DEFAULT_VIEW_PREFERENCES, favourites: ['a'] });
    assert.equal(readViewPreferences({ filter: 'x'.repeat(10_240) }).filter.length, 200);
  });
});
