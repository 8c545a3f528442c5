import * as assert from 'node:assert/strict';
import { connectedMessage, connectionDetail, statusBarLayout, stateText } from '../../../src/core/presentation/connectionText';
import type { ConnectionSnapshot } from '../../../src/core/connections/types';

function snap(name: string, state: ConnectionSnapshot['state'], extra: Partial<ConnectionSnapshot> = {}): ConnectionSnapshot {
  return { id: name, request: { serviceId: name, name }, route: 'p2p', state, bindAddress: '127.0.0.1', openTunnels: 0, reconnectAttempt: 0, ...extra };
}

describe('connection text (status bar, tree, terminal)', () => {
  it('hides the status bar when nothing is connected', () => {
    assert.deepEqual(statusBarLayout([], 3), { items: [] });
    assert.deepEqual(statusBarLayout([snap('a', 'idle'), snap('b', 'failed')], 3), { items: [] });
  });

  it('shows one item per connection with its name and local port', () => {
    const layout = statusBarLayout([snap('Web Admin', 'ready', { port: 33001, startedAt: 1 }), snap('SSH', 'ready', { port: 33002, startedAt: 2 })], 3);
    assert.deepEqual(layout.items.map((i) => i.text), ['$(plug) Web Admin :33001', '$(plug) SSH :33002']);
    assert.equal(layout.summary, undefined);
  });

  it('shows a cloud-proxy connection with its address', () => {
    const proxy = { id: 'c1', host: 'proxy.example', port: 31000, address: 'proxy.example:31000', url: 'http://proxy.example:31000', timeout: 3600 };
    const [item] = statusBarLayout([snap('Web', 'ready', { route: 'proxy', proxy })], 3).items;
    assert.equal(item.text, '$(cloud) Web proxy.example:31000');
  });

  it('spins while connecting and warns while reconnecting', () => {
    assert.equal(statusBarLayout([snap('SSH', 'starting')], 3).items[0].text, '$(sync~spin) SSH');
    const [r] = statusBarLayout([snap('SSH', 'reconnecting', { port: 33002, reconnectAttempt: 2 })], 3).items;
    assert.equal(r.warning, true);
  });

  it('keeps a failure on screen (error background) until the user has seen it', () => {
    const failed = snap('SSH', 'failed', { failure: { message: 'offline', action: 'unreachable' } });
    assert.equal(statusBarLayout([failed], 3, new Set(['SSH'])).items[0].error, true);
    assert.deepEqual(statusBarLayout([failed], 3, new Set()).items, []);
  });

  it('folds into one summary item above the limit, naming every connection in its tooltip', () => {
    const all = [1, 2, 3, 4].map((n) => snap(`s${n}`, 'ready', { port: 33000 + n, startedAt: n }));
    const layout = statusBarLayout(all, 3);
    assert.deepEqual(layout.items, []);
    assert.equal(layout.summary?.text, '$(plug) 4 remote.it connections');
    assert.equal(layout.summary?.tooltip.length, 4);
  });

  it('names are inert on the status bar: no icon, no link, one line', () => {
    const [item] = statusBarLayout([snap('$(zap) [x](command:remoteit.connectProxy)\nHost *', 'ready', { port: 1 })], 3).items;
    assert.ok(!item.text.slice('$(plug) '.length).includes('$('), item.text);
    assert.ok(!item.text.includes(']('), item.text);
    assert.ok(!item.text.includes('\n'), item.text);
  });

  it('says why a connection failed or stopped', () => {
    assert.equal(stateText(snap('a', 'failed', { failure: { code: 11, message: 'Sign in again', action: 'signIn' } })), 'failed: Sign in again');
    assert.equal(stateText(snap('a', 'idle', { failure: { code: 1, message: 'Lifetime expired', action: 'none' } })), 'stopped: Lifetime expired');
  });

  it('shows throughput and open tunnels in the detail line', () => {
    const c = snap('a', 'ready', { port: 5, throughput: { txBps: 2048, rxBps: 3 * 1024 * 1024 }, openTunnels: 2 });
    assert.equal(connectionDetail(c), '127.0.0.1:5 · ↑ 2.0 KB/s ↓ 3.0 MB/s · 2 open');
  });

  describe('the optional "connected" notification', () => {
    const onDevice = (name: string, deviceName: string, extra: Partial<ConnectionSnapshot> = {}) =>
      snap(name, 'ready', { request: { serviceId: 's1', name, deviceName }, port: 33001, ...extra });

    it('names the device, the service and the local address', () => {
      assert.equal(connectedMessage(onDevice('Grafana', 'Lab Server')), 'remote.it: Connected Lab Server Grafana on 127.0.0.1:33001');
    });

    it('says the device once when the service name already carries it', () => {
      assert.equal(connectedMessage(onDevice('Lab Server SSH', 'Lab Server')), 'remote.it: Connected Lab Server SSH on 127.0.0.1:33001');
    });

    it('gives the cloud proxy address for a proxy connection', () => {
      const proxy = { id: 'c1', host: 'proxy.example', port: 31000, address: 'proxy.example:31000', url: 'http://proxy.example:31000', timeout: 3600 };
      assert.equal(connectedMessage(onDevice('Web', 'Pi', { route: 'proxy', proxy, port: undefined })), 'remote.it: Connected Pi Web on proxy.example:31000');
    });

    it('shows hostile names and addresses inert: no command link, no icon, one line, bounded', () => {
      const hostile = '[Open](command:remoteit.signOut) $(alert)\nline two\u202e';
      const proxy = { id: 'c1', host: 'h', port: 1, address: `[x](command:remoteit.connectProxy)\n${'a'.repeat(5000)}`, url: 'http://h:1', timeout: 1 };
      for (const text of [connectedMessage(onDevice(hostile, hostile)), connectedMessage(onDevice('Web', hostile, { route: 'proxy', proxy }))]) {
        assert.ok(!text.includes(']('), text);
        assert.ok(!text.includes('$('), text);
        assert.ok(!/[\n\u202e]/.test(text), text);
        assert.ok(text.length < 600, `${text.length} characters`);
      }
    });
  });
});
