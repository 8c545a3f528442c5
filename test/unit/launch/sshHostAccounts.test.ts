import * as assert from 'node:assert/strict';
import { sshAlias } from '../../../src/core/launch/sshConfig';
import { OWN_ACCOUNT } from '../../../src/core/account/deviceStore';
import { readHostAccounts, renderHostAccounts, survivesListing } from '../../../src/core/launch/sshHostAccounts';

const A = sshAlias('80:00:00:00:01:00:0A:C2');
const B = sshAlias('80:00:00:00:01:00:0A:C3');

describe('ssh host accounts record', () => {
  it('round-trips, sorted by alias', () => {
    const owners = new Map([[B, 'org-1'], [A, OWN_ACCOUNT]]);
    const text = renderHostAccounts(owners);
    assert.deepEqual([...readHostAccounts(text)], [[A, OWN_ACCOUNT], [B, 'org-1']]);
  });

  it('ignores what is not an alias it writes mapped to a short string', () => {
    const hostile = JSON.stringify({
      [A]: 'own',
      'Host *\n  ProxyCommand x': 'own',
      'remoteit-80-00-00-00-01-00-0A-C2': 'own', // upper case: not a spelling this extension writes
      [B]: { account: 'own' },
      __proto__: 'own',
      'remoteit-80-00-00-00-01-00-0a-c4': 'x'.repeat(10_000),
    });
    assert.deepEqual([...readHostAccounts(hostile)], [[A, 'own']]);
    assert.deepEqual([...readHostAccounts('[1,2]')], []);
    assert.deepEqual([...readHostAccounts('{not json')], []);
    assert.deepEqual([...readHostAccounts(undefined)], []);
  });

  it('a listing keeps its listed hosts and other accounts\' hosts; unrecorded hosts go with it', () => {
    const owners = new Map([[A, 'org-1']]);
    assert.equal(survivesListing(A, owners, OWN_ACCOUNT, new Set()), true, 'another account');
    assert.equal(survivesListing(A, owners, 'org-1', new Set()), false, 'its account, gone');
    assert.equal(survivesListing(A, owners, 'org-1', new Set([A])), true, 'its account, listed');
    assert.equal(survivesListing(B, owners, OWN_ACCOUNT, new Set()), false, 'no record');
  });
});
