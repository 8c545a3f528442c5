// Every GraphQL operation the extension sends, as sent (document and variables), checked against the real
// remote.it schema (an introspection of the live API kept in test/fixtures).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildClientSchema, getOperationAST, parse, validate, type IntrospectionQuery } from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { FakeApi, json, type SeenRequest } from './fakeApi';

const REAL = buildClientSchema(
  (JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'remoteit-graphql-schema.json'), 'utf8')) as { data: IntrospectionQuery }).data,
);

function problems(request: SeenRequest): string[] {
  const document = parse(request.json.query!);
  const errors = validate(REAL, document).map((e) => e.message);
  const operation = getOperationAST(document);
  if (operation) {
    const coerced = getVariableValues(REAL, operation.variableDefinitions ?? [], request.json.variables ?? {});
    errors.push(...(coerced.errors ?? []).map((e) => e.message));
  }
  return errors;
}

const PAGE = { total: 0, hasMore: false, items: [] };
const ANSWER: Record<string, unknown> = {
  Account: { login: { id: 'u1', email: 'me@example.com', authhash: null, yoicsId: null } },
  Accounts: { login: { id: 'u1', email: 'me@example.com', membership: [] } },
  Devices: { login: { devices: PAGE } },
  AccountDevices: { login: { account: { devices: PAGE } } },
  ApplicationTypes: { applicationTypes: [] },
  Connect: { connect: { id: 'c1', created: 'now', host: 'proxy1.rt3.io', port: 1, url: 'http://proxy1.rt3.io:1', reverseProxy: false, timeout: 1 } },
  Disconnect: { disconnect: true },
};

describe('the extension\'s GraphQL against the real remote.it schema', () => {
  it('every query and mutation it sends validates, with the variables it sends', async () => {
    const fake = new FakeApi((request) => json({ data: ANSWER[/(?:query|mutation) (\w+)/.exec(request.json.query!)![1]] }));
    const api = fake.api();
    await api.account();
    await api.listAccounts();
    await api.listDevices({ name: 'pi', state: 'active', pageSize: 50 });
    await api.listDevices({ accountId: 'ORG-1' });
    await api.applicationTypes();
    await api.connectProxy('80:00:00:00:01:00:0A:C2', '255.255.255.255');
    await api.disconnectProxy('80:00:00:00:01:00:0A:C2', 'c1');

    const sent = fake.requests.map((r) => /(?:query|mutation) (\w+)/.exec(r.json.query!)![1]);
    assert.deepEqual(sent, ['Account', 'Accounts', 'Devices', 'AccountDevices', 'ApplicationTypes', 'Connect', 'Disconnect']);
    for (const request of fake.requests) assert.deepEqual(problems(request), [], request.json.query);
  });

  it('would catch a field or argument the real API does not have (the check itself works)', () => {
    const wrong = (query: string, variables = {}) => problems({ url: '', method: 'POST', headers: {}, body: '', json: { query, variables } });
    assert.notDeepEqual(wrong('query { login { nickname } }'), []);
    assert.notDeepEqual(wrong('mutation { connect(serviceId: "x", hostIP: "0.0.0.0", type: FAST) { id } }'), []);
    assert.notDeepEqual(wrong('mutation { disconnect(serviceId: "x", connectionId: "c") { id } }'), []);
    assert.deepEqual(wrong('mutation { connect(serviceId: "x", hostIP: "0.0.0.0") { id host port url reverseProxy timeout } }'), []);
    assert.notDeepEqual(wrong('query ($size: Int) { login { devices(size: $size) { total } } }', { size: 'many' }), []);
  });
});
