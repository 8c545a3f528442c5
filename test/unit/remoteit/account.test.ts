import * as assert from 'node:assert/strict';
import { ApiError } from '../../../src/core/remoteit/api';
import { connectdUser } from '../../../src/core/remoteit/account';
import { FakeApi, json } from './fakeApi';

const HASH = 'E1F1772EA75D04755B8BBD236C470550E7A9FB33';

describe('the signed-in account (login { id email authhash yoicsId })', () => {
  it('reads the auth hash and the yoicsId connectd signs in with', async () => {
    const fake = new FakeApi(json({ data: { login: { id: 'u1', email: 'me@example.com', authhash: HASH.toLowerCase(), yoicsId: 'yoics-8f3a' } } }));
    assert.deepEqual(await fake.api().account(), { id: 'u1', email: 'me@example.com', authHash: HASH, yoicsId: 'yoics-8f3a' });
    assert.match(fake.requests[0].json.query!, /login \{ id email authhash yoicsId \}/);
  });

  it('connectd signs in as the yoicsId, as the email only when the account has none', () => {
    assert.equal(connectdUser({ id: 'u1', email: 'me@example.com', yoicsId: 'yoics-8f3a' }, 'typed@example.com'), 'yoics-8f3a');
    assert.equal(connectdUser({ id: 'u1', email: 'me@example.com' }, 'typed@example.com'), 'me@example.com');
    assert.equal(connectdUser({ id: 'u1' }, 'typed@example.com'), 'typed@example.com');
  });

  it('leaves out values that could not go into a provisioning file: whitespace, newlines, a malformed auth hash', async () => {
    const fake = new FakeApi(json({ data: { login: { id: 'u1', email: null, authhash: 'not-a-hash', yoicsId: 'me\nauth_hash 00' } } }));
    assert.deepEqual(await fake.api().account(), { id: 'u1' });
  });

  it('login: null means the credentials are not accepted', async () => {
    await assert.rejects(new FakeApi(json({ data: { login: null } })).api().account(), (e: unknown) => e instanceof ApiError && e.kind === 'auth');
  });
});

describe('accounts to list devices of (own and organisations)', () => {
  it('lists the own account first, then each organisation once, by name (id when it has none)', async () => {
    const fake = new FakeApi(
      json({
        data: {
          login: {
            id: 'u1',
            email: 'me@example.com',
            membership: [{ organization: { id: 'ORG-1', name: 'Acme Robotics' } }, { organization: { id: 'ORG-2', name: '' } }, { organization: { id: 'ORG-1', name: 'Acme Robotics' } }],
          },
        },
      }),
    );
    assert.deepEqual(await fake.api().listAccounts(), [
      { id: 'u1', name: 'me@example.com', kind: 'own' },
      { id: 'ORG-1', name: 'Acme Robotics', kind: 'organization' },
      { id: 'ORG-2', name: 'ORG-2', kind: 'organization' },
    ]);
    assert.match(fake.requests[0].json.query!, /membership \{ organization \{ id name \} \}/);
  });
});
