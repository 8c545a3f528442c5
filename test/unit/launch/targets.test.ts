import * as assert from 'node:assert/strict';
import { chooseTemplates, templateType } from '../../../src/core/launch/launchTemplates';
import { launchCommand, openTarget, type Endpoint } from '../../../src/core/launch/targets';

const SERVICE = '80:00:00:00:01:00:0A:C2';
const LOCAL = { host: '127.0.0.1', port: 33001 };

function open(application: number, endpoint: Endpoint = LOCAL, user?: string, devicePort?: number) {
  return openTarget({ application, serviceId: SERVICE, endpoint, templates: chooseTemplates(templateType(application, devicePort)), user });
}

describe('what "open" does', () => {
  it('SSH: a managed Host alias on the local port, with the user when known', () => {
    assert.deepEqual(open(28, LOCAL, 'pi'), { kind: 'ssh', alias: 'remoteit-80-00-00-00-01-00-0a-c2', host: '127.0.0.1', port: 33001, user: 'pi' });
    assert.deepEqual(open(28), { kind: 'ssh', alias: 'remoteit-80-00-00-00-01-00-0a-c2', host: '127.0.0.1', port: 33001 });
  });

  it('web types: a browser URL with the right scheme', () => {
    for (const id of [7, 30, 42]) assert.deepEqual(open(id), { kind: 'url', url: 'http://127.0.0.1:33001/' }, `type ${id}`);
    for (const id of [8, 33, 38]) assert.deepEqual(open(id), { kind: 'url', url: 'https://127.0.0.1:33001/' }, `type ${id}`);
  });

  it('VNC, SMB, RDP and databases: their launch URL, with the command to copy where there is one', () => {
    assert.deepEqual(open(4), { kind: 'launch', url: 'vnc://127.0.0.1:33001' });
    assert.deepEqual(open(34), { kind: 'launch', url: 'smb://127.0.0.1:33001' });
    assert.deepEqual(open(5), { kind: 'launch', url: 'rdp://full%20address=s%3A127.0.0.1%3A33001', command: 'mstsc /v:127.0.0.1:33001' });
    assert.deepEqual(open(46, LOCAL, 'postgres'), { kind: 'launch', url: 'postgresql://postgres@127.0.0.1:33001', command: 'psql -h 127.0.0.1 -p 33001 -U postgres' });
    assert.deepEqual(open(46), { kind: 'launch', url: 'postgresql://127.0.0.1:33001', command: 'psql -h 127.0.0.1 -p 33001' });
    assert.deepEqual(open(45, LOCAL, 'root'), { kind: 'launch', url: 'mysql://root@127.0.0.1:33001', command: 'mysql -h 127.0.0.1 -P 33001 -u root' });
    assert.deepEqual(open(44), { kind: 'launch', url: 'redis://127.0.0.1:33001', command: 'redis-cli -h 127.0.0.1 -p 33001' });
  });

  it('a plain TCP service is launched by the port it has on the device (MongoDB on 27017)', () => {
    assert.deepEqual(open(1, LOCAL, undefined, 27017), { kind: 'launch', url: 'mongodb://127.0.0.1:33001', command: 'mongosh --host 127.0.0.1 --port 33001' });
    assert.deepEqual(open(1, LOCAL, undefined, 1234), { kind: 'copy', text: '127.0.0.1:33001' });
  });

  it('a type with only a command template copies the command; unknown types copy 127.0.0.1:PORT', () => {
    assert.deepEqual(open(47), { kind: 'command', command: 'docker -H tcp://127.0.0.1:33001 ps' });
    assert.deepEqual(open(9999), { kind: 'copy', text: '127.0.0.1:33001' });
    assert.deepEqual(open(41), { kind: 'copy', text: '127.0.0.1:33001' });
  });

  it('a cloud proxy: its reverse-proxy URL, or its host and port', () => {
    const reverse = { host: 'abc.p16.rt3.io', port: null, reverseProxy: true, url: 'https://abc.p16.rt3.io', address: 'abc.p16.rt3.io' };
    assert.deepEqual(open(8, reverse), { kind: 'url', url: 'https://abc.p16.rt3.io' });
    const plain = { host: 'proxy18.rt3.io', port: 37488, reverseProxy: false, url: 'http://proxy18.rt3.io:37488', address: 'proxy18.rt3.io:37488' };
    assert.deepEqual(open(28, plain, 'pi'), { kind: 'ssh', alias: 'remoteit-80-00-00-00-01-00-0a-c2', host: 'proxy18.rt3.io', port: 37488, user: 'pi' });
    assert.deepEqual(open(4, plain), { kind: 'launch', url: 'vnc://proxy18.rt3.io:37488' });
  });

  it("the account's own template wins over the built-in one", () => {
    const templates = chooseTemplates('vnc', { service: { url: 'vnc://[host]:[port]?quality=high', command: 'vncviewer [host]::[port]' } });
    assert.deepEqual(openTarget({ application: 4, serviceId: SERVICE, endpoint: LOCAL, templates }), {
      kind: 'launch',
      url: 'vnc://127.0.0.1:33001?quality=high',
      command: 'vncviewer 127.0.0.1::33001',
    });
  });

  it('hostile: a template URL that would act inside the editor is never a launch target; the address is copied with the reason', () => {
    for (const url of ['command:workbench.action.terminal.sendSequence?[host]', 'file:///etc/passwd?[port]', 'vscode://ms-vscode.foo/[host]', 'javascript:alert([port])']) {
      const target = openTarget({ application: 4, serviceId: SERVICE, endpoint: LOCAL, templates: { url } });
      assert.equal(target.kind, 'copy', url);
      assert.match((target as { problem?: string }).problem ?? '', /scheme/, url);
    }
  });

  it('hostile: a proxy host that is not a host name never fills a template', () => {
    const evil = { host: 'x.rt3.io\nrm -rf ~', port: 1, reverseProxy: false, url: '', address: '' };
    const target = openTarget({ application: 46, serviceId: SERVICE, endpoint: evil, templates: chooseTemplates('postgresql') });
    assert.equal(target.kind, 'copy');
    assert.throws(() => launchCommand(chooseTemplates('postgresql'), evil), /not a host name/);
  });

  it('Copy Command: the filled command line, or nothing for a type without one', () => {
    assert.equal(launchCommand(chooseTemplates('postgresql'), LOCAL, 'app'), 'psql -h 127.0.0.1 -p 33001 -U app');
    assert.equal(launchCommand(chooseTemplates('ssh'), LOCAL, 'pi'), 'ssh -l pi 127.0.0.1 -p 33001');
    assert.equal(launchCommand(chooseTemplates('vnc'), LOCAL), undefined);
  });
});
