import * as assert from 'node:assert/strict';
import { changedSettings, readSettings } from '../../../src/core/settings';

describe('object settings (launch templates, ssh options)', () => {
  it('keep an object, replace anything else by the empty default', () => {
    const raw: Record<string, unknown> = { launchTemplates: { vnc: 'vnc://[host]:[port]' }, commandTemplates: ['psql'], 'ssh.options': null };
    const s = readSettings((key) => raw[key]);
    assert.deepEqual(s.launchTemplates, { vnc: 'vnc://[host]:[port]' });
    assert.deepEqual(s.commandTemplates, {});
    assert.deepEqual(s['ssh.options'], {});
  });

  it('a change is a change of content, not of the object read', () => {
    const a = readSettings((key) => (key === 'launchTemplates' ? { vnc: 'x' } : undefined));
    const same = readSettings((key) => (key === 'launchTemplates' ? { vnc: 'x' } : undefined));
    const other = readSettings((key) => (key === 'launchTemplates' ? { vnc: 'y' } : undefined));
    assert.deepEqual(changedSettings(a, same), []);
    assert.deepEqual(changedSettings(a, other), ['launchTemplates']);
  });

  it('openAfterConnect: one of its choices, else the default', () => {
    assert.equal(readSettings((key) => (key === 'openAfterConnect' ? 'all' : undefined)).openAfterConnect, 'all');
    assert.equal(readSettings((key) => (key === 'openAfterConnect' ? 'always; rm' : undefined)).openAfterConnect, 'sshAndWeb');
  });
});
