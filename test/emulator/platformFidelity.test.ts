// The emulator against what the real remote.it platform does: its GraphQL schema (types and nullability of
// every field it serves, diffed with the real introspection), connectd signing in as the yoicsId, organisation
// devices, nullable names, and RFC 9421 message signatures.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildClientSchema, introspectionFromSchema, type IntrospectionField, type IntrospectionInputValue, type IntrospectionQuery, type IntrospectionTypeRef } from 'graphql';
import { signMessage } from '../../src/core/remoteit/messageSignature';
import { schema as emulatorSchema } from './graphql/schema';
import { startEmulator, type RunningEmulator } from './index';
import { SESSION_PATH } from './protocol';
import { ALICE, BOB, graphql, IDS, login, testWorld } from './testSupport';
import type { World } from './world';

const REAL: IntrospectionQuery = JSON.parse(readFileSync(path.join(__dirname, '..', 'fixtures', 'remoteit-graphql-schema.json'), 'utf8')).data;

function typeName(t: IntrospectionTypeRef): string {
  if (t.kind === 'NON_NULL') return `${typeName(t.ofType)}!`;
  if (t.kind === 'LIST') return `[${typeName(t.ofType)}]`;
  return t.name;
}

const arg = (a: IntrospectionInputValue) => `${a.name}: ${typeName(a.type)}${a.defaultValue == null ? '' : ` = ${a.defaultValue}`}`;

describe('emulator schema = real remote.it schema', () => {
  it('declares every type, field, argument and default it serves exactly as the real API does (types and nullability)', () => {
    const real = new Map(REAL.__schema.types.map((t) => [t.name, t]));
    const problems: string[] = [];
    for (const type of introspectionFromSchema(emulatorSchema).__schema.types) {
      if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
      const twin = real.get(type.name);
      if (!twin) {
        problems.push(`type ${type.name} does not exist in the real schema`);
        continue;
      }
      if (twin.kind !== type.kind) problems.push(`${type.name} is ${type.kind}, real ${twin.kind}`);
      if (type.kind === 'ENUM' && twin.kind === 'ENUM') {
        for (const v of type.enumValues) if (!twin.enumValues.some((r) => r.name === v.name)) problems.push(`${type.name}.${v.name} is not a real value`);
      }
      if (type.kind !== 'OBJECT' || twin.kind !== 'OBJECT') continue;
      const realFields = new Map<string, IntrospectionField>(twin.fields.map((f) => [f.name, f]));
      for (const field of type.fields) {
        const r = realFields.get(field.name);
        if (!r) {
          problems.push(`${type.name}.${field.name} does not exist in the real schema`);
          continue;
        }
        if (typeName(field.type) !== typeName(r.type)) problems.push(`${type.name}.${field.name}: ${typeName(field.type)}, real ${typeName(r.type)}`);
        const realArgs = new Map(r.args.map((a) => [a.name, a]));
        for (const a of field.args) {
          const ra = realArgs.get(a.name);
          if (!ra) problems.push(`${type.name}.${field.name}(${a.name}) is not a real argument`);
          else if (arg(a) !== arg(ra)) problems.push(`${type.name}.${field.name}(${arg(a)}), real (${arg(ra)})`);
        }
        for (const ra of r.args) {
          const required = ra.type.kind === 'NON_NULL' && ra.defaultValue == null;
          if (required && !field.args.some((a) => a.name === ra.name)) problems.push(`${type.name}.${field.name} lacks the required argument ${arg(ra)}`);
        }
      }
    }
    assert.deepEqual(problems, []);
  });

  it('the fixture is the real introspection (builds as a client schema)', () => {
    const real = buildClientSchema(REAL);
    assert.equal(real.getQueryType()?.getFields().login.type.toString(), 'User');
  });
});

describe('emulator: what the real platform does', () => {
  const ORG = { id: 'ORG00000-0000-4000-8000-00000000000A', email: 'acme-admin@example.com' };
  const ORG_BOX = '80:00:00:00:01:00:40:00';
  const ORG_SSH = '80:00:00:00:01:00:40:01';
  let emulator: RunningEmulator;

  beforeEach(async () => {
    const base = testWorld({ echoPort: 9, httpPort: 9 });
    const world: World = {
      ...base,
      accounts: [
        { ...base.accounts[0], yoicsId: 'yoics-alice-7f3a' },
        base.accounts[1],
        { id: ORG.id, email: ORG.email, password: 'x', authHash: '1111111111111111111111111111111111111111', organization: { name: 'Acme Robotics', members: [ALICE.email] } },
      ],
      devices: [
        ...base.devices,
        { id: ORG_BOX, name: null, state: 'active', owner: ORG.email, services: [{ id: ORG_SSH, name: null, application: null, state: 'active', port: 22 }] },
      ],
    };
    emulator = await startEmulator({ world });
  });
  afterEach(() => emulator.close());

  it('login gives id, email, authhash and yoicsId', async () => {
    const { body } = await graphql(emulator.url, await login(emulator.url), '{ login { id email authhash yoicsId } }');
    assert.deepEqual(body.data.login, { id: ALICE.id, email: ALICE.email, authhash: ALICE.authHash, yoicsId: 'yoics-alice-7f3a' });
    const bob = await graphql(emulator.url, await login(emulator.url, BOB.email, BOB.password), '{ login { yoicsId } }');
    assert.equal(bob.body.data.login.yoicsId, null);
  });

  it('connectd signs in as the yoicsId; the email is refused for an account that has one, accepted for one that has none', async () => {
    // The verdict is the first line; an accepted session then stays open, so only that line is read.
    const session = async (user: string, authHash: string, serviceId: string) => {
      const res = await fetch(`${emulator.url}${SESSION_PATH}`, { method: 'POST', body: JSON.stringify({ user, authHash, serviceId }) });
      const reader = res.body!.getReader();
      let text = '';
      while (!text.includes('\n')) {
        const { done, value } = await reader.read();
        if (done) break;
        text += Buffer.from(value).toString('utf8');
      }
      await reader.cancel();
      return JSON.parse(text.split('\n')[0]).result as string;
    };
    assert.equal(await session('yoics-alice-7f3a', ALICE.authHash, IDS.echo), 'ok');
    assert.equal(await session(ALICE.email, ALICE.authHash, IDS.echo), 'auth');
    assert.equal(await session(BOB.email, BOB.authHash, IDS.bobSsh), 'ok');
    assert.equal(await session('yoics-alice-7f3a', ALICE.authHash, ORG_SSH), 'ok', 'a member reaches the organisation\'s devices');
    assert.equal(await session(BOB.email, BOB.authHash, ORG_SSH), 'offline', 'a non-member does not');
  });

  it('lists organisations through membership and their devices through account(id:), names and types null where the API has none', async () => {
    const token = await login(emulator.url);
    const { body } = await graphql(
      emulator.url,
      token,
      `query($org: String) { login { membership { organization { id name } } account(id: $org) { devices { total items { id name services { id name application } } } } } }`,
      { org: ORG.id },
    );
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    assert.deepEqual(body.data.login.membership, [{ organization: { id: ORG.id, name: 'Acme Robotics' } }]);
    assert.deepEqual(body.data.login.account.devices.items, [{ id: ORG_BOX, name: null, services: [{ id: ORG_SSH, name: null, application: null }] }]);
    const bob = await graphql(emulator.url, await login(emulator.url, BOB.email, BOB.password), `{ login { account(id: "${ORG.id}") { id } } }`);
    assert.equal(bob.body.data.login.account, null);
  });

  it('an organisation can join a running world through the control endpoint; a developer key can be required', async () => {
    const NEW_ORG = { id: 'ORG00000-0000-4000-8000-00000000000B', email: 'lab@example.com', password: 'x', authHash: '2222222222222222222222222222222222222222', organization: { name: 'Lab', members: [BOB.email] } };
    const device = { id: '80:00:00:00:01:00:50:00', name: 'Lab Pi', state: 'active', owner: NEW_ORG.email, services: [] };
    const res = await fetch(`${emulator.controlUrl}/world/add`, { method: 'POST', body: JSON.stringify({ accounts: [NEW_ORG], devices: [device] }) });
    assert.equal(res.status, 200, await res.text());
    const bob = await graphql(emulator.url, await login(emulator.url, BOB.email, BOB.password), `{ login { membership { organization { name } } account(id: "${NEW_ORG.id}") { devices { items { name } } } } }`);
    assert.deepEqual(bob.body.data.login, { membership: [{ organization: { name: 'Lab' } }], account: { devices: { items: [{ name: 'Lab Pi' }] } } });

    await fetch(`${emulator.controlUrl}/developer-key`, { method: 'POST', body: JSON.stringify({ required: true }) });
    const refused = await fetch(`${emulator.url}/apv/v27/user/login`, { method: 'POST', body: JSON.stringify({ username: BOB.email, password: BOB.password }) });
    assert.equal(refused.status, 403);
    assert.match(((await refused.json()) as { reason: string }).reason, /developer key/);
  });

  it('accepts RFC 9421 signatures made with the access key; a wrong key, another target or a stale Date is 401', async () => {
    const url = `${emulator.url}/graphql/v1`;
    const body = JSON.stringify({ query: '{ login { email } }' });
    const send = async (headers: Record<string, string>, target = url) => {
      const res = await fetch(target, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
      return { status: res.status, text: await res.text() };
    };
    const key = { keyId: ALICE.accessKey.id, secret: ALICE.accessKey.secret };
    const ok = await send(await signMessage({ method: 'POST', url, date: new Date() }, key));
    assert.equal(ok.status, 200);
    assert.equal(JSON.parse(ok.text).data.login.email, ALICE.email);
    assert.equal((await send(await signMessage({ method: 'POST', url, date: new Date() }, { ...key, secret: Buffer.from('wrong').toString('base64') }))).status, 401);
    assert.equal((await send(await signMessage({ method: 'POST', url: `${emulator.url}/apv/v27/device/list/all`, date: new Date() }, key))).status, 401);
    assert.equal((await send(await signMessage({ method: 'POST', url, date: new Date(Date.now() - 6 * 60_000) }, key))).status, 401);
  });
});
