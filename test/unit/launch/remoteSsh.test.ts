import * as assert from 'node:assert/strict';
import { opensAfterConnect } from '../../../src/core/launch/openAfterConnect';
import { parseRemoteFolder, remotePlatform, suggestedFolder } from '../../../src/core/launch/remoteSsh';

describe('Remote-SSH hints', () => {
  it("remote.SSH.remotePlatform from the device's platform", () => {
    assert.equal(remotePlatform(1072), 'linux', 'Raspberry Pi');
    assert.equal(remotePlatform(769), 'linux');
    assert.equal(remotePlatform(1219), 'linux', 'Docker container');
    assert.equal(remotePlatform(256), 'macOS');
    assert.equal(remotePlatform(0), 'windows');
    assert.equal(remotePlatform(10), 'windows');
    for (const unknown of [undefined, 1213, 1214, 1185, 65535, 4242]) assert.equal(remotePlatform(unknown), undefined, String(unknown));
  });

  it('a folder on the device: absolute, one line, no ..; a Windows drive path becomes /C:/…', () => {
    assert.equal(parseRemoteFolder(' /home/pi/project '), '/home/pi/project');
    assert.equal(parseRemoteFolder('C:\\Users\\me'), '/C:/Users/me');
    for (const bad of ['', 'relative/dir', '/home/pi\n/etc', '/home/../etc', '~/x', 42, 'x'.repeat(2000)]) assert.equal(parseRemoteFolder(bad), undefined, JSON.stringify(bad));
  });

  it("suggests the user's home on the device's platform", () => {
    assert.equal(suggestedFolder('linux', 'pi'), '/home/pi');
    assert.equal(suggestedFolder(undefined, 'root'), '/root');
    assert.equal(suggestedFolder('macOS', 'me'), '/Users/me');
    assert.equal(suggestedFolder('windows', 'me'), 'C:/Users/me');
  });
});

describe('open after connect', () => {
  it('by default SSH and web services (and a cloud proxy web page) only', () => {
    for (const type of ['ssh', 'http', 'https', 'reverseProxy'] as const) assert.equal(opensAfterConnect('sshAndWeb', type), true, type);
    for (const type of ['vnc', 'postgresql', undefined] as const) assert.equal(opensAfterConnect('sshAndWeb', type), false, String(type));
    assert.equal(opensAfterConnect('all', 'vnc'), true);
    assert.equal(opensAfterConnect('all', undefined), true);
    assert.equal(opensAfterConnect('never', 'ssh'), false);
  });
});
