// Answers from the remote.it API (GraphQL data, REST bodies) are untrusted: whatever arrives, a reader either
// returns values that passed their format checks or fails with an ApiError the user can read — never a
// TypeError from deep inside, never a raw value on its way to connectd, a provisioning file or a link.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { readAccountInfo, readAccounts } from '../../../src/core/remoteit/account';
import { UNKNOWN_APPLICATION } from '../../../src/core/remoteit/applicationTypes';
import { readProxyConnection } from '../../../src/core/remoteit/cloudProxy';
import { ApiError } from '../../../src/core/remoteit/errors';
import { readDevicePage } from '../../../src/core/remoteit/graphqlDevices';
import { readLoginResponse } from '../../../src/core/remoteit/loginResponse';
import { safeExternalUrl } from '../../../src/core/untrusted/url';
import { parseHostName } from '../../../src/core/untrusted/formats';
import { anyJson, holds, hostileText, LINE_BREAKING, nearPort, nearServiceId, SERVICE_ID_FORMAT } from './seeded';

/** A value where a field of the given kind is expected: usually that kind, sometimes anything at all. */
const field = <T>(usual: fc.Arbitrary<T>): fc.Arbitrary<unknown> => fc.oneof({ weight: 3, arbitrary: usual }, { weight: 1, arbitrary: anyJson() }, { weight: 1, arbitrary: fc.constantFrom(null, undefined, '', 0, [], {}) });

const service = fc.record(
  { id: field(nearServiceId()), name: field(hostileText()), state: field(fc.constantFrom('active', 'inactive', 'ACTIVE')), title: field(hostileText(20)), application: field(fc.oneof(fc.integer({ min: -5, max: 70_000 }), fc.double())), port: field(nearPort()) },
  { requiredKeys: [] },
);
const device = fc.record(
  {
    id: field(nearServiceId()), name: field(hostileText()), state: field(fc.constantFrom('active', 'inactive')), created: field(hostileText(20)),
    lastReported: field(hostileText(20)), hardwareId: field(hostileText(20)), platform: field(fc.integer()),
    owner: field(fc.record({ id: field(hostileText(10)), email: field(hostileText(20)) }, { requiredKeys: [] })),
    services: field(fc.array(field(service), { maxLength: 4 })),
  },
  { requiredKeys: [] },
);
const devicePage = field(fc.record({ total: field(fc.integer()), hasMore: field(fc.boolean()), items: field(fc.array(field(device), { maxLength: 5 })) }, { requiredKeys: [] }));
const devicesData = fc.oneof(
  fc.record({ login: field(fc.record({ devices: devicePage }, { requiredKeys: [] })) }, { requiredKeys: [] }),
  fc.record({ login: field(fc.record({ account: field(fc.record({ devices: devicePage })) }, { requiredKeys: [] })) }, { requiredKeys: [] }),
);

/** Calls a reader: its result, or undefined when it refused with an ApiError (anything else fails the property). */
function read<T>(reader: () => T): T | undefined {
  try {
    return reader();
  } catch (err) {
    assert.ok(err instanceof ApiError, `threw ${String(err)} instead of an ApiError`);
    assert.ok(err.message.length > 0, 'an ApiError with a message');
    return undefined;
  }
}

const hex = (length: number) => fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF'), minLength: length, maxLength: length });

/** How many generated answers a reader accepted: a property that only ever sees refusals proves nothing. */
function accepted(counter: { n: number }, runs: number): void {
  assert.ok(counter.n >= runs / 20, `only ${counter.n} of ${runs} generated answers were readable; the generator needs more valid ones`);
}

const isPortOrNull = (port: unknown) => port === null || (Number.isInteger(port) && (port as number) >= 1 && (port as number) <= 65535);

describe('fuzz: remote.it API answers', () => {
  it('a device page keeps only services with valid addresses and ports', () => {
    holds(fc.tuple(devicesData, fc.boolean()), ([data, organisation]) => {
      const page = read(() => readDevicePage(data as Record<string, unknown>, organisation ? 'org-1' : undefined));
      if (!page) return;
      assert.ok(Number.isFinite(page.total) && typeof page.hasMore === 'boolean');
      for (const d of page.items) {
        assert.match(d.id, SERVICE_ID_FORMAT);
        assert.ok(typeof d.name === 'string' && d.name.trim() !== '');
        assert.ok(d.state === 'active' || d.state === 'inactive');
        for (const s of d.services) {
          assert.match(s.id, SERVICE_ID_FORMAT);
          assert.equal(s.deviceId, d.id);
          assert.ok(isPortOrNull(s.port), `service port ${String(s.port)}`);
          assert.ok(s.application === UNKNOWN_APPLICATION || (Number.isInteger(s.application) && s.application > 0));
        }
      }
    });
  });

  it('an account answer yields a 40-hex auth hash and one-token names, or an ApiError', () => {
    const login = field(fc.record({ id: field(hostileText(20)), email: field(hostileText(30)), authhash: field(fc.oneof(hex(40), hostileText(45))), yoicsId: field(hostileText(20)),
      membership: field(fc.array(field(fc.record({ organization: field(fc.record({ id: field(hostileText(10)), name: field(hostileText(20)) }, { requiredKeys: [] })) }, { requiredKeys: [] })), { maxLength: 3 })) }, { requiredKeys: [] }));
    holds(fc.record({ login }, { requiredKeys: [] }), (data) => {
      const info = read(() => readAccountInfo(data));
      if (info) {
        assert.doesNotMatch(info.id, LINE_BREAKING);
        if (info.authHash !== undefined) assert.match(info.authHash, /^[0-9A-F]{40}$/);
        for (const token of [info.email, info.yoicsId]) if (token !== undefined) assert.match(token, /^[\x21-\x7e]+$/);
      }
      const accounts = read(() => readAccounts(data));
      for (const a of accounts ?? []) {
        assert.doesNotMatch(a.id, LINE_BREAKING);
        assert.ok(a.name.length > 0);
      }
    });
  });

  it('a cloud-proxy answer yields a host name, a port, an http(s) URL and a timeout a timer can hold', () => {
    // Mostly well-formed answers with one or two fields spoiled, so the checks after a successful read get exercised.
    const connect = fc.record({ id: fc.oneof(fc.uuid(), hostileText(20)), created: field(hostileText(20)), host: fc.oneof(fc.domain(), fc.ipV4(), hostileText(30)), port: fc.oneof(fc.integer({ min: 1, max: 65535 }), nearPort()),
      url: fc.oneof(fc.webUrl(), hostileText(40), fc.constantFrom('command:workbench.action.quit', 'file:///etc/passwd', 'https://u:p@x.example/')), reverseProxy: field(fc.boolean()),
      timeout: field(fc.oneof(fc.integer({ min: -1, max: 1e12 }), fc.double())) }, { requiredKeys: ['id', 'host', 'port', 'url'] });
    const ok = { n: 0 };
    holds(fc.record({ connect }, { requiredKeys: [] }), (data) => {
      const c = read(() => readProxyConnection(data));
      if (!c) return;
      ok.n++;
      assert.ok(c.id.length > 0);
      assert.equal(parseHostName(c.host), c.host);
      assert.ok(isPortOrNull(c.port));
      assert.equal(safeExternalUrl(c.url), c.url);
      assert.doesNotMatch(c.address, LINE_BREAKING);
      assert.ok(Number.isInteger(c.timeout) && c.timeout >= 0 && c.timeout * 1000 <= 2 ** 31 - 1, `timeout ${c.timeout} s`);
    }, 2000);
    accepted(ok, 2000);
  });

  it('a REST sign-in answer yields a session token and a 40-hex auth hash that cannot add a line anywhere, or an ApiError', () => {
    const body = field(fc.record({ status: field(fc.constantFrom('true', 'false', true, 'pending')), token: field(fc.oneof(hex(32), hostileText(40))),
      service_authhash: field(fc.oneof(hex(40), hostileText(45))), email: field(fc.oneof(fc.emailAddress(), hostileText(30))), guid: field(hostileText(20)),
      reason: field(hostileText(40)), code: field(fc.constantFrom('SMS_MFA', 'x', 'MFA_SETUP')) }, { requiredKeys: [] }));
    const ok = { n: 0 };
    holds(fc.tuple(body, fc.constantFrom(200, 201, 401, 500), fc.constantFrom('password', 'authHash') as fc.Arbitrary<'password' | 'authHash'>), ([b, status, method]) => {
      const login = read(() => readLoginResponse({ status, body: b }, method, 'user@example.com'));
      if (!login) return;
      ok.n++;
      assert.match(login.authHash, /^[0-9A-F]{40}$/i, `auth hash ${JSON.stringify(login.authHash)}`);
      assert.match(login.token, /^[\x21-\x7e]+$/, `token ${JSON.stringify(login.token)}`);
      assert.match(login.email, /^[\x21-\x7e]+$/, `email ${JSON.stringify(login.email)}`);
      if (login.userId !== undefined) assert.doesNotMatch(login.userId, LINE_BREAKING);
    }, 2000);
    accepted(ok, 2000 * 0.05);
  });

  it('the answers the fuzzer found are refused or bounded', () => {
    const ok = { status: 'true', token: 'a1327b84435481d9048504f0e924f431', service_authhash: 'E1F1772EA75D04755B8BBD236C470550E7A9FB33' };
    assert.throws(() => readLoginResponse({ status: 200, body: { ...ok, service_authhash: 'E1F1772EA75D04755B8BBD236C470550E7A9FB33\nremote_address 80:00:00:00:01:00:00:01' } }, 'password', 'a@b.c'), ApiError);
    assert.throws(() => readLoginResponse({ status: 200, body: { ...ok, token: 'x\r\nX-Injected: 1' } }, 'password', 'a@b.c'), ApiError);
    assert.equal(readLoginResponse({ status: 200, body: { ...ok, email: 'eve@example.com\nuser_id root' } }, 'password', 'a@b.c').email, 'a@b.c');
    assert.throws(() => readAccountInfo({ login: { id: '\u0000' } }), ApiError);
    const proxy = (timeout: unknown) => readProxyConnection({ connect: { id: 'c1', host: 'proxy.example', port: 33000, url: 'https://proxy.example', timeout } }).timeout;
    assert.equal(proxy(2147484), 2147483, 'longer than a timer can wait: capped (Node fires an overlong timer at once)');
    assert.equal(proxy(-5), 0);
    assert.equal(proxy(28800.4), 28800);
  });
});
