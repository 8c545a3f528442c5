import * as assert from 'node:assert/strict';
import { parseHostName, parseIpAddress, parseIpv4, parseIpv6, parsePort, parseServiceId, parseSshUser } from '../../../src/core/untrusted/formats';

/** Values a repository, a device owner or a server could plant, each trying to add a line or an argument. */
const HOSTILE = [
  'proxy.example\nHost *\n  ProxyCommand touch /tmp/pwned',
  'x\r\nHost *',
  '80:00:00:00:01:00:0A:C2\nauth_hash 123',
  '127.0.0.1\u0000',
  'a b',
  '-oProxyCommand=touch /tmp/pwned',
  '$(zap)',
  '[x](command:remoteit.connectProxy)',
  'Host *',
  'A'.repeat(10_240),
  '\u202eevil',
  '',
];

describe('format validators reject hostile input', () => {
  for (const [name, parse] of Object.entries({ parseServiceId, parsePort, parseIpv4, parseIpv6, parseIpAddress, parseHostName, parseSshUser })) {
    it(`${name}: no newline, space, NUL, directive, option or markup passes`, () => {
      for (const value of HOSTILE) assert.equal(parse(value), undefined, `${name}(${JSON.stringify(value.slice(0, 40))})`);
      for (const value of [undefined, null, {}, [], true]) assert.equal(parse(value), undefined);
    });
  }
});

describe('format validators accept real values', () => {
  it('service ids: 8 hex bytes, canonical upper case, surrounding blanks trimmed', () => {
    assert.equal(parseServiceId('80:00:00:00:01:00:0A:C2'), '80:00:00:00:01:00:0A:C2');
    assert.equal(parseServiceId(' 80:00:00:00:01:00:0a:c2 '), '80:00:00:00:01:00:0A:C2');
    for (const bad of ['80:00:00:00:01:00:0A', '80:00:00:00:01:00:0A:C2:00', '80-00-00-00-01-00-0A-C2', '80:00:00:00:01:00:0A:G2', '8:00:00:00:01:00:0A:C2']) {
      assert.equal(parseServiceId(bad), undefined, bad);
    }
  });

  it('ports: 1–65535 as a number or digits', () => {
    assert.equal(parsePort(33001), 33001);
    assert.equal(parsePort('22'), 22);
    for (const bad of [0, 65536, -1, 22.5, NaN, Infinity, '0x16', '22abc', '1e3', '+22']) assert.equal(parsePort(bad), undefined, String(bad));
  });

  it('IP addresses: v4 dotted quads, v6 with or without brackets, no zones, no octal-looking parts', () => {
    assert.equal(parseIpAddress('127.0.0.1'), '127.0.0.1');
    assert.equal(parseIpAddress('0.0.0.0'), '0.0.0.0');
    assert.equal(parseIpAddress('::1'), '::1');
    assert.equal(parseIpAddress('[FE80::1]'), 'fe80::1');
    assert.equal(parseIpAddress('::ffff:192.0.2.1'), '::ffff:192.0.2.1');
    for (const bad of ['256.0.0.1', '127.1', '010.0.0.1', 'fe80::1%eth0', 'fe80::1%0\nHost *', '1.2.3.4.5', 'localhost']) assert.equal(parseIpAddress(bad), undefined, bad);
  });

  it('host names: DNS names and addresses, lower-cased; nothing else', () => {
    assert.equal(parseHostName('proxy18.rt3.io'), 'proxy18.rt3.io');
    assert.equal(parseHostName('A4csg2w9f8wipk.P16.rt3.io.'), 'a4csg2w9f8wipk.p16.rt3.io');
    assert.equal(parseHostName('127.0.0.1'), '127.0.0.1');
    assert.equal(parseHostName('my_host'), 'my_host');
    for (const bad of ['-oProxyCommand', 'a..b', 'a-.b', `${'a'.repeat(64)}.io`, `${'a.'.repeat(130)}io`, 'proxy.example:443', 'http://proxy.example']) {
      assert.equal(parseHostName(bad), undefined, bad);
    }
  });

  it('ssh users: login names, domain accounts and machine accounts', () => {
    for (const user of ['pi', 'root', 'ubuntu', 'first.last', 'j_doe-2', 'jane@corp.example', 'HOST$', '1password']) assert.equal(parseSshUser(user), user);
    for (const bad of ['-l', 'pi root', 'pi;id', 'pi"', "pi'", 'a$b', 'x'.repeat(65)]) assert.equal(parseSshUser(bad), undefined, bad);
  });
});
