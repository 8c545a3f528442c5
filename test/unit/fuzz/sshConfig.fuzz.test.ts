// The include file and the user's ssh config are files anyone with the account (or a planted repository
// setting) may have edited: reading them never throws, only blocks of the extension's own validated shape
// survive a rewrite, and the user's config only ever gains the Include line at its top.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkedHost, ensureInclude, includeDirective, readIncludeFile, renderIncludeFile, UnsafeSshValueError, upsertHostBlock } from '../../../src/core/launch/sshConfig';
import { holds, hostileText, nearPort } from './seeded';

const HOME = '/home/user';
const INCLUDE = `${HOME}/.ssh/remoteit/config`;

const alias = fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 8, maxLength: 8 }).map((b) => `remoteit-${b.map((x) => x.toString(16).padStart(2, '0')).join('-')}`);
const keyword = fc.constantFrom('Host', 'host', 'Match', 'HostName', 'Port', 'User', 'HostKeyAlias', 'CheckHostIP', 'ServerAliveInterval', 'ProxyCommand', 'Include', 'IdentityFile', '#');
const value = fc.oneof(alias, fc.constantFrom('127.0.0.1', 'no', '15', '*', 'proxy.example', 'sh -c "touch /tmp/owned"', 'root', '~/.ssh/remoteit/config'), nearPort().map((p) => JSON.stringify(p) ?? ''), hostileText(20));
const configLine = fc.oneof(
  fc.tuple(fc.constantFrom('', '  ', '\t'), keyword, fc.constantFrom(' ', '=', ' = ', '\t'), value).map(([lead, k, sep, v]) => `${lead}${k}${sep}${v}`),
  hostileText(50),
);
const configText = fc.tuple(fc.array(configLine, { maxLength: 16 }), fc.constantFrom('\n', '\r\n')).map(([lines, eol]) => lines.join(eol));
/** A block as the extension writes it, in between the noise, so reading has something to keep. */
const withOurBlocks = fc.tuple(configText, fc.array(fc.record({ alias, port: fc.integer({ min: 1, max: 65535 }), user: fc.constantFrom(undefined, 'pi', 'svc.user@corp') }), { maxLength: 3 }), configText)
  .map(([before, hosts, after]) => `${before}\n${renderIncludeFile(hosts.map((h) => (h.user ? h : { alias: h.alias, port: h.port })))}${after}`);

describe('fuzz: ssh config files', () => {
  it('reading the include file never throws and keeps only hosts whose every value passes its check', () => {
    holds(fc.oneof(configText, withOurBlocks), (text) => {
      const hosts = readIncludeFile(text);
      for (const h of hosts) assert.deepEqual(checkedHost(h), h);
      // Rewriting is stable: what is written is read back the same.
      const rewritten = renderIncludeFile(hosts);
      assert.deepEqual(readIncludeFile(rewritten), hosts);
      for (const line of rewritten.split('\n')) assert.doesNotMatch(line, /ProxyCommand|Include|Match|Host \*|LocalCommand/i);
    }, 1500);
  });

  it('a hostile host value never reaches the include file', () => {
    holds(fc.record({ alias: fc.oneof(alias, hostileText(30)), port: nearPort(), user: fc.oneof(fc.constant(undefined), hostileText(20)), hostName: fc.oneof(fc.constant(undefined), fc.domain(), hostileText(30)) }), (host) => {
      let text: string;
      try {
        text = upsertHostBlock('', host as never);
      } catch (err) {
        assert.ok(err instanceof UnsafeSshValueError, `refused with ${String(err)}`);
        return;
      }
      assert.equal(readIncludeFile(text).length, 1, 'the block it wrote is one it recognises as its own');
      assert.doesNotMatch(text, /[\0\r\u2028\u2029]/);
    }, 1500);
  });

  it('the user config gains the Include line at its top, once, and keeps everything else byte for byte', () => {
    const includePath = fc.constantFrom(INCLUDE, `${HOME}/My Files/remoteit config`, 'C:\\Users\\me\\.ssh\\remoteit');
    holds(fc.tuple(configText, includePath), ([text, include]) => {
      const once = ensureInclude(text, include, HOME);
      assert.equal(ensureInclude(once, include, HOME), once, 'a second call changes nothing');
      if (once === text) return; // it already had an Include of that file before any Host or Match
      assert.ok(once.endsWith(text), 'the user\'s lines are kept as they were');
      const firstLines = once.slice(0, once.length - text.length).split(/\r?\n/);
      assert.ok(firstLines.includes(includeDirective(include)), 'the Include line is at the top');
    }, 1500);
  });
});
