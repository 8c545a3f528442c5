import * as assert from 'node:assert/strict';
import { userSshConfigPath } from '../../../src/core/launch/userSshConfigPath';

describe('the ssh config that gets the Include line', () => {
  const home = '/home/me';

  it('is our setting, then remote.SSH.configFile, then ~/.ssh/config', () => {
    assert.equal(userSshConfigPath('/etc/ssh/mine', '/home/me/.ssh/rssh', home), '/etc/ssh/mine');
    assert.equal(userSshConfigPath('', '/home/me/.ssh/rssh', home), '/home/me/.ssh/rssh');
    assert.equal(userSshConfigPath('', '', home), '/home/me/.ssh/config');
  });

  it("reads a leading ~/ as the user's home", () => {
    assert.equal(userSshConfigPath('~/.ssh/work', '', home), '/home/me/.ssh/work');
    assert.equal(userSshConfigPath('', ' ~/.ssh/rssh ', home), '/home/me/.ssh/rssh');
  });

  it("passes over a path that is not absolute: another user's ~bob, or one relative to wherever the editor started", () => {
    assert.equal(userSshConfigPath('~bob/.ssh/config', '', home), '/home/me/.ssh/config');
    assert.equal(userSshConfigPath('config', '/home/me/.ssh/rssh', home), '/home/me/.ssh/rssh');
    assert.equal(userSshConfigPath('../x', '.ssh/config', home), '/home/me/.ssh/config');
  });
});
