// Provisioning files come from the engine (with the auth hash) and from workspaces (a task's "file"): reading
// one never throws and keeps every byte, and a workspace file read as a template yields only canonical values
// (or a one-line refusal), whatever else is in it.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { initiatorProvisioning, ProvisioningDocument } from '../../../src/core/connectd/provisioning';
import { readTemplate } from '../../../src/core/connectd/provisioningTemplate';
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

  it('read as a template, any file gives canonical values without whitespace, or a one-line refusal', () => {
    holds(provisioningText, (text) => {
      const template = readTemplate(ProvisioningDocument.parse(text), 'x.conf');
      if ('refused' in template) return assert.doesNotMatch(template.refused, /[\r\n\u2028\u2029]/);
      for (const value of Object.values(template)) assert.doesNotMatch(String(value), /\s/);
      assert.match(template.serviceId, /^[0-9A-F]{2}(?::[0-9A-F]{2}){7}$/);
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
      assert.equal(doc.keys().includes('lifetime'), false);
      assert.match(doc.toString(), /\n# keep this comment line here\n$/);
    }, 300);
  });
});
