import * as assert from 'node:assert/strict';
import { fillLaunchTemplate, openTarget } from '../../../src/core/launch/targets';

const SERVICE = '80:00:00:00:01:00:0A:C2';
const LOCAL = { host: '127.0.0.1', port: 33001 };

describe('what "open" does', () => {
  it('SSH: a managed Host alias on the local port, with the user when known', () => {
    assert.deepEqual(openTarget(28, LOCAL, SERVICE, 'pi'), { kind: 'ssh', alias: 'remoteit-80-00-00-00-01-00-0a-c2', host: '127.0.0.1', port: 33001, user: 'pi' });
    assert.deepEqual(openTarget(28, LOCAL, SERVICE), { kind: 'ssh', alias: 'remoteit-80-00-00-00-01-00-0a-c2', host: '127.0.0.1', port: 33001 });
  });

  it('web types: a browser URL with the right scheme', () => {
    for (const id of [7, 30, 38, 42]) assert.deepEqual(openTarget(id, LOCAL, SERVICE), { kind: 'url', url: 'http://127.0.0.1:33001' }, `type ${id}`);
    for (const id of [8, 33]) assert.deepEqual(openTarget(id, LOCAL, SERVICE), { kind: 'url', url: 'https://127.0.0.1:33001' }, `type ${id}`);
  });

  it('VNC, RDP and SMB: copy the address and suggest the client launch', () => {
    assert.deepEqual(openTarget(4, LOCAL, SERVICE, 'pi'), { kind: 'copy', text: '127.0.0.1:33001', hint: 'Open it with a VNC viewer: vnc://pi@127.0.0.1:33001' });
    assert.deepEqual(openTarget(5, LOCAL, SERVICE), { kind: 'copy', text: '127.0.0.1:33001', hint: 'Open it with a Remote Desktop client: rdp://full%20address=s%3A127.0.0.1%3A33001' });
    assert.equal(openTarget(34, LOCAL, SERVICE).kind, 'copy');
  });

  it('anything else, and unknown types: copy 127.0.0.1:PORT', () => {
    assert.deepEqual(openTarget(45, LOCAL, SERVICE), { kind: 'copy', text: '127.0.0.1:33001' });
    assert.deepEqual(openTarget(9999, LOCAL, SERVICE), { kind: 'copy', text: '127.0.0.1:33001' });
  });

  it('a cloud proxy: its reverse-proxy URL, or its host and port', () => {
    const reverse = { host: 'abc.p16.rt3.io', port: null, reverseProxy: true, url: 'https://abc.p16.rt3.io', address: 'abc.p16.rt3.io' };
    assert.deepEqual(openTarget(8, reverse, SERVICE), { kind: 'url', url: 'https://abc.p16.rt3.io' });
    const plain = { host: 'proxy18.rt3.io', port: 37488, reverseProxy: false, url: 'http://proxy18.rt3.io:37488', address: 'proxy18.rt3.io:37488' };
    assert.deepEqual(openTarget(28, plain, SERVICE, 'pi'), { kind: 'ssh', alias: 'remoteit-80-00-00-00-01-00-0a-c2', host: 'proxy18.rt3.io', port: 37488, user: 'pi' });
    assert.deepEqual(openTarget(46, plain, SERVICE), { kind: 'copy', text: 'proxy18.rt3.io:37488' });
  });

  it('fills launch templates, dropping the user part when there is no user', () => {
    assert.equal(fillLaunchTemplate('ssh -l [username] [host] -p [port]', { host: 'h', port: 2, user: 'pi' }), 'ssh -l pi h -p 2');
    assert.equal(fillLaunchTemplate('ssh -l [username] [host] -p [port]', { host: 'h', port: 2 }), 'ssh h -p 2');
    assert.equal(fillLaunchTemplate('vnc://[username]@[host]:[port]', { host: 'h', port: 5901 }), 'vnc://h:5901');
  });
});
