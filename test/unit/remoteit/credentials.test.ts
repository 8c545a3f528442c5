import * as assert from 'node:assert/strict';
import { findProfile, parseCredentials, readCredentials } from '../../../src/core/remoteit/credentials';

describe('~/.remoteit/credentials', () => {
  it('reads the documented DEFAULT profile, developer key included', () => {
    const profiles = parseCredentials(
      ['[DEFAULT]', 'R3_ACCESS_KEY_ID=Z5QCS6ZO7PXXXMVDNXXX', 'R3_SECRET_ACCESS_KEY=XXXWC14Qsktnq/nbF+iXxXq2yc4sVPkQn3J0m5i', 'R3_DEVELOPER_API_KEY=XXXXXXX'].join('\n'),
    );
    assert.deepEqual(profiles, [
      { name: 'DEFAULT', keyId: 'Z5QCS6ZO7PXXXMVDNXXX', secret: 'XXXWC14Qsktnq/nbF+iXxXq2yc4sVPkQn3J0m5i', developerKey: 'XXXXXXX' },
    ]);
  });

  it('lists several profiles in file order, skipping comments, blank lines and unknown keys', () => {
    const profiles = parseCredentials(
      [
        '# my keys',
        '[default]',
        'R3_ACCESS_KEY_ID = AAA',
        'R3_SECRET_ACCESS_KEY = c2VjcmV0QQ==',
        '',
        '; the lab account',
        '[lab]',
        'region=eu',
        'R3_ACCESS_KEY_ID=BBB',
        'R3_SECRET_ACCESS_KEY="c2VjcmV0Qg=="',
      ].join('\r\n'),
    );
    assert.deepEqual(profiles, [
      { name: 'default', keyId: 'AAA', secret: 'c2VjcmV0QQ==' },
      { name: 'lab', keyId: 'BBB', secret: 'c2VjcmV0Qg==' },
    ]);
  });

  it('treats profile and key names case-insensitively: [DEFAULT] and [default] are one profile', () => {
    const profiles = parseCredentials(['[DEFAULT]', 'r3_access_key_id=AAA', '[default]', 'R3_Secret_Access_Key=c2VjcmV0'].join('\n'));
    assert.deepEqual(profiles, [{ name: 'DEFAULT', keyId: 'AAA', secret: 'c2VjcmV0' }]);
    assert.equal(findProfile(profiles, 'default')?.keyId, 'AAA');
    assert.equal(findProfile(profiles)?.keyId, 'AAA');
    assert.equal(findProfile(profiles, 'Lab'), undefined);
  });

  it('reads keys written before any section as the DEFAULT profile', () => {
    const profiles = parseCredentials(['R3_ACCESS_KEY_ID=TOP', 'R3_SECRET_ACCESS_KEY=dG9w', '[other]', 'R3_ACCESS_KEY_ID=O', 'R3_SECRET_ACCESS_KEY=bw=='].join('\n'));
    assert.deepEqual(
      profiles.map((p) => [p.name, p.keyId, p.secret]),
      [
        ['DEFAULT', 'TOP', 'dG9w'],
        ['other', 'O', 'bw=='],
      ],
    );
  });

  it('leaves out profiles that lack a key id or a secret', () => {
    assert.deepEqual(parseCredentials(['[half]', 'R3_ACCESS_KEY_ID=X', '[empty]', '[full]', 'R3_ACCESS_KEY_ID=Y', 'R3_SECRET_ACCESS_KEY=eQ=='].join('\n')).map((p) => p.name), ['full']);
    assert.deepEqual(parseCredentials(''), []);
  });

  it('finds no profiles when the file does not exist, and reports other read errors', async () => {
    const missing = { readFile: async () => Promise.reject(Object.assign(new Error('nope'), { code: 'ENOENT' })) };
    assert.deepEqual(await readCredentials(missing, '/home/u/.remoteit/credentials'), []);
    const denied = { readFile: async () => Promise.reject(Object.assign(new Error('denied'), { code: 'EACCES' })) };
    await assert.rejects(readCredentials(denied, '/x'), /denied/);
    const present = { readFile: async (path: string) => (path === '/x' ? '[p]\nR3_ACCESS_KEY_ID=K\nR3_SECRET_ACCESS_KEY=cw==\n' : '') };
    assert.deepEqual(await readCredentials(present, '/x'), [{ name: 'p', keyId: 'K', secret: 'cw==' }]);
  });
});
