import * as assert from 'node:assert/strict';
import { failureOffers } from '../../../src/core/connections/failureOffers';

const p2pOnline = { route: 'p2p' as const, deviceOnline: true, proxyFallback: true };

describe('what to offer after a failure', () => {
  it('a refused auth hash offers Sign In Again', () => {
    assert.deepEqual(failureOffers({ message: 'x', action: 'signIn' }, p2pOnline), ['signIn', 'showLog']);
  });

  it('a wrong setting offers to open exactly that setting, whatever the message says', () => {
    assert.deepEqual(failureOffers({ message: 'anything', action: 'setting', setting: 'remoteit.connectd.path' }, p2pOnline), ['openSetting', 'showLog']);
    assert.deepEqual(failureOffers({ message: 'mentions remoteit.connectd.path', action: 'retry' }, p2pOnline), ['retry', 'showLog']);
  });

  it('peer-to-peer that cannot reach an online device offers the cloud proxy', () => {
    assert.deepEqual(failureOffers({ message: 'x', action: 'unreachable' }, p2pOnline), ['useProxy', 'retry', 'showLog']);
  });

  it('an offline device is never sent to the proxy, nor is a proxy connection, nor with proxyFallback off', () => {
    assert.ok(!failureOffers({ message: 'x', action: 'unreachable' }, { ...p2pOnline, deviceOnline: false }).includes('useProxy'));
    assert.ok(!failureOffers({ message: 'x', action: 'unreachable' }, { ...p2pOnline, route: 'proxy' }).includes('useProxy'));
    assert.ok(!failureOffers({ message: 'x', action: 'unreachable' }, { ...p2pOnline, proxyFallback: false }).includes('useProxy'));
  });

  it('remote.it unreachable from here offers Retry and Network Diagnostics', () => {
    assert.deepEqual(failureOffers({ message: 'x', action: 'network' }, p2pOnline), ['retry', 'networkDiagnostics', 'showLog']);
  });

  it('anything else still offers the log', () => {
    assert.deepEqual(failureOffers({ message: 'x', action: 'none' }, p2pOnline), ['showLog']);
  });
});
