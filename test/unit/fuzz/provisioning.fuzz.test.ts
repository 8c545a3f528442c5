// Provisioning files come from the engine (with the auth hash) and from workspaces (a task's "file"): reading
// one never throws, keeps every byte, and editing one value changes that line only, whatever else is in it.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { initiatorProvisioning, ProvisioningDocument } from '../../../src/core/connectd/provisioning';
import { holds, hostileText } from './seeded';

const KEYS = ['autoconnect', 'user_id', 'auth_hash', 'remote_address', 'proxy_local_port', 'proxy_bind_address', 'max_depth', 'encryption', 'lifetime', '#'];
const eol = fc.constantFrom('\n', '\r\n', '\r', '');
const fileLine = fc.oneof(
  fc.tuple(fc.constantFrom('', ' ', '\t'), fc.constantFrom(...KEYS), fc.constantFrom(' ', '\t', '  ', ''), hostileText(30)).map(([lead, key, gap, value]) => `${lead}${key}${gap}${value}`),
  hostileText(60),
);
const provisioningText = fc.array(fc.tuple(fileLine, eol), { maxLength: 12 }).map((lines) => lines.map(([l, e]) => l + e).join(''));
/** What the engine puts into a file: validated tokens (ports, addresses, the 40-hex auth hash, the user). */
const token = fc.string({ unit: fc.constantFrom(...'abcdefABCDEF0123456789:.@-_'), minLength: 1, maxLength: 40 });

describe('fuzz: provisioning files', () => {
  it('parses any text without throwing and writes it back byte for byte', () => {
    holds(provisioningText, (text) => {
      assert.equal(ProvisioningDocument.parse(text).toString(), text);
    }, 1000);
  });

  it('setting a key changes or adds that one line and leaves every other value as it was', () => {
    holds(fc.tuple(provisioningText, fc.constantFrom(...KEYS.slice(0, -1)), token), ([text, key, value]) => {
      const before = ProvisioningDocument.parse(text);
      const others = KEYS.filter((k) => k !== key && k !== '#').map((k) => [k, before.get(k)]);
      const after = ProvisioningDocument.parse(before.set(key, value).toString());
      assert.equal(after.get(key), value);
      for (const [k, v] of others) assert.equal(after.get(k!), v, `${k} changed when ${key} was set`);
      const lines = (s: string) => s.split(/\r\n|\n|\r/).filter((l) => l.trim() !== '');
      const kept = lines(text).filter((l) => !new RegExp(`^\\s*${key}(\\s|$)`).test(l));
      for (const line of kept) assert.ok(lines(after.toString()).includes(line), `line ${JSON.stringify(line)} was lost`);
    }, 1000);
  });

  it('a value read from a file is one line', () => {
    holds(fc.tuple(provisioningText, fc.constantFrom(...KEYS)), ([text, key]) => {
      const value = ProvisioningDocument.parse(text).get(key);
      if (value !== undefined) assert.doesNotMatch(value, /[\r\n]/);
    }, 1000);
  });

  it('the generated file holds exactly the documented keys with the given values', () => {
    const target = fc.record({ serviceId: token, port: fc.integer({ min: 1, max: 65535 }), encryption: fc.constantFrom(0, 1, 2), bindAddress: token, restrictIp: token, maxOutstanding: fc.integer({ min: 1, max: 64 }), lifetimeSeconds: fc.nat(), idleSeconds: fc.nat() });
    holds(fc.tuple(fc.record({ user: token, authHash: token }), target), ([account, t]) => {
      const doc = ProvisioningDocument.parse(initiatorProvisioning(account, t).toString());
      assert.equal(doc.get('user_id'), account.user);
      assert.equal(doc.get('auth_hash'), account.authHash);
      assert.equal(doc.get('remote_address'), t.serviceId);
      assert.equal(doc.get('proxy_local_port'), String(t.port));
      assert.equal(doc.has('lifetime'), false);
      assert.match(doc.toString(), /\n# keep this comment line here\n$/);
    }, 300);
  });
});
