import * as assert from 'node:assert/strict';
import { connectionDetail, statusBarText, stateText } from '../../../src/core/presentation/connectionText';
import type { ConnectionSnapshot } from '../../../src/core/connections/types';

function snap(name: string, state: ConnectionSnapshot['state'], extra: Partial<ConnectionSnapshot> = {}): ConnectionSnapshot {
  return { id: name, request: { serviceId: name, name }, state, bindAddress: '127.0.0.1', openTunnels: 0, reconnectAttempt: 0, ...extra };
}

describe('connection text (status bar, tree, terminal)', () => {
  it('hides the status bar when nothing is connected', () => {
    assert.equal(statusBarText([]), undefined);
    assert.equal(statusBarText([snap('a', 'idle'), snap('b', 'failed')]), undefined);
  });

  it('shows the service name and the local address of a single ready connection', () => {
    assert.deepEqual(statusBarText([snap('Web Admin', 'ready', { port: 33001 })]), {
      text: '$(plug) Web Admin 127.0.0.1:33001',
      warning: false,
    });
  });

  it('spins while connecting and warns while reconnecting', () => {
    assert.equal(statusBarText([snap('SSH', 'starting')])?.text, '$(sync~spin) SSH connecting…');
    const r = statusBarText([snap('SSH', 'reconnecting', { port: 33002, reconnectAttempt: 2 })]);
    assert.equal(r?.text, '$(sync~spin) SSH reconnecting… (attempt 2)');
    assert.equal(r?.warning, true);
  });

  it('counts several connections', () => {
    const all = [snap('a', 'ready', { port: 1 }), snap('b', 'ready', { port: 2 }), snap('c', 'idle')];
    assert.equal(statusBarText(all)?.text, '$(plug) 2 remote.it connections');
  });

  it('says why a connection failed or stopped', () => {
    assert.equal(stateText(snap('a', 'failed', { failure: { code: 11, message: 'Sign in again', action: 'signIn' } })), 'failed: Sign in again');
    assert.equal(stateText(snap('a', 'idle', { failure: { code: 1, message: 'Lifetime expired', action: 'none' } })), 'stopped: Lifetime expired');
  });

  it('shows throughput and open tunnels in the detail line', () => {
    const c = snap('a', 'ready', { port: 5, throughput: { txBps: 2048, rxBps: 3 * 1024 * 1024 }, openTunnels: 2 });
    assert.equal(connectionDetail(c), '127.0.0.1:5 · ↑ 2.0 KB/s ↓ 3.0 MB/s · 2 open');
  });
});
