import * as assert from 'node:assert/strict';
import { ApiError } from '../../../src/core/remoteit/api';
import { FakeApi, json, text } from './fakeApi';

const OK = { status: 'true', token: 'a1327b84435481d9048504f0e924f431', email: 'someuser@remote.it', service_authhash: 'E1F1772EA75D04755B8BBD236C470550E7A9FB33' };
const INVALID = { status: 'false', reason: '[0102] The username or password is invalid', code: 'GENERAL_ERROR' };

function rejection(kind: string, message?: RegExp, code?: string) {
  return (err: unknown) => {
    assert.ok(err instanceof ApiError, `expected an ApiError, got ${String(err)}`);
    assert.equal(err.kind, kind);
    if (message) assert.match(err.message, message);
    if (code) assert.equal(err.code, code);
    return true;
  };
}

describe('sign-in (REST apv/v27)', () => {
  it('email + password: POSTs /user/login with the developer key and returns token and auth hash', async () => {
    const fake = new FakeApi(json({ ...OK, guid: 'user-1' }));
    const result = await fake.api(undefined, { developerKey: 'DEVKEY', userAgent: 'remoteit-vscode/0.1.0' }).loginWithPassword('someuser@remote.it', 'pw');
    assert.deepEqual(result, { email: 'someuser@remote.it', token: OK.token, authHash: OK.service_authhash, userId: 'user-1' });
    const [request] = fake.requests;
    assert.equal(request.method, 'POST');
    assert.equal(request.url, 'https://api.example.test/apv/v27/user/login');
    assert.deepEqual(request.json, { username: 'someuser@remote.it', password: 'pw' });
    assert.equal(request.headers.developerkey, 'DEVKEY');
    assert.equal(request.headers['content-type'], 'application/json');
    assert.equal(request.headers['user-agent'], 'remoteit-vscode/0.1.0');
    assert.equal(request.headers.token, undefined);
    assert.equal(request.headers.authorization, undefined);
  });

  it('email + auth hash: POSTs /user/login/authhash', async () => {
    const fake = new FakeApi(json(OK));
    const result = await fake.api().loginWithAuthHash('someuser@remote.it', OK.service_authhash);
    assert.equal(result.token, OK.token);
    assert.equal(fake.requests[0].url, 'https://api.example.test/apv/v27/user/login/authhash');
    assert.deepEqual(fake.requests[0].json, { username: 'someuser@remote.it', authhash: OK.service_authhash });
  });

  it('accepts auth_token in place of token, and keeps the typed email when none comes back', async () => {
    const fake = new FakeApi(json({ status: 'true', auth_token: 'T2', service_authhash: OK.service_authhash }));
    assert.deepEqual(await fake.api().loginWithPassword('me@example.com', 'pw'), { email: 'me@example.com', token: 'T2', authHash: OK.service_authhash });
  });

  it('[0102] with a password: "the email or password is not correct", no retry', async () => {
    const fake = new FakeApi(json(INVALID, 401));
    await assert.rejects(fake.api().loginWithPassword('u@example.com', 'wrong'), rejection('invalidLogin', /email or password is not correct/, '0102'));
    assert.equal(fake.requests.length, 1);
  });

  it('[0102] with an auth hash: says it may have been revoked and to use the password', async () => {
    const fake = new FakeApi(json(INVALID, 401));
    await assert.rejects(fake.api().loginWithAuthHash('u@example.com', 'ABC'), rejection('invalidLogin', /auth hash.*revoked.*password/));
  });

  for (const code of ['SMS_MFA', 'SOFTWARE_TOKEN_MFA', 'MFA_SETUP']) {
    it(`${code}: a clear "two-factor" message naming the alternatives`, async () => {
      const fake = new FakeApi(json({ status: 'false', code, reason: 'MFA required' }, 200));
      await assert.rejects(fake.api().loginWithPassword('u@example.com', 'pw'), rejection('mfaRequired', /auth hash or an access-key profile/, code));
    });
  }

  it('pending and reset accounts say what to do', async () => {
    await assert.rejects(new FakeApi(json({ status: 'pending' })).api().loginWithPassword('u@x', 'p'), rejection('rejected', /not confirmed/));
    await assert.rejects(new FakeApi(json({ status: 'reset' })).api().loginWithPassword('u@x', 'p'), rejection('rejected', /new password/));
  });

  it('other refusals carry the API\'s reason', async () => {
    const fake = new FakeApi(json({ status: 'false', reason: 'account locked', code: 'GENERAL_ERROR' }, 403));
    await assert.rejects(fake.api().loginWithPassword('u@x', 'p'), rejection('rejected', /refused the sign-in: account locked\.$/));
  });

  it('a missing or invalid developer key is said as such, with where to enter one', async () => {
    const fake = new FakeApi(json({ status: 'false', reason: 'invalid developer key', code: 'GENERAL_ERROR' }, 403));
    await assert.rejects(fake.api().loginWithPassword('u@x', 'p'), rejection('developerKey', /developer key is missing or not valid.*Set Developer Key/));
  });

  it('a success without token or auth hash is malformed, not a half sign-in', async () => {
    await assert.rejects(new FakeApi(json({ status: 'true', token: 'T' })).api().loginWithPassword('u@x', 'p'), rejection('malformed'));
    await assert.rejects(new FakeApi(text('<html>oops</html>', 200)).api().loginWithPassword('u@x', 'p'), rejection('malformed'));
    await assert.rejects(new FakeApi(text('Bad Request', 400)).api().loginWithPassword('u@x', 'p'), rejection('malformed', /HTTP 400/));
  });
});
