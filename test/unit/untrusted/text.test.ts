import * as assert from 'node:assert/strict';
import { markdownLiteral, MAX_NAME_LENGTH, plain } from '../../../src/core/untrusted/text';

/** What VS Code's notification renderer treats as a link, and what its label renderer treats as an icon. */
const NOTIFICATION_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/i;
const ICON = /(?<!\\)\$\([A-Za-z0-9-]+(?:~[A-Za-z]+)?\)/;

const COMMAND_LINK = '[Click](command:remoteit.connectProxy?%5B%2280%3A00%3A00%3A00%3A01%3A00%3A0A%3AC2%22%2C%22public%22%5D)';

describe('plain: untrusted text on plain-text surfaces', () => {
  it('keeps an ordinary name exactly as it is', () => {
    for (const name of ['Raspberry Pi 4 (lab)', 'café-01', 'Büro [2. OG]', 'שרת', '服务器', 'pi 🍓']) assert.equal(plain(name), name);
  });

  it('turns a command link into text that no surface renders as a link', () => {
    const shown = plain(`Pi ${COMMAND_LINK}`);
    assert.doesNotMatch(shown, NOTIFICATION_LINK);
    assert.match(shown, /^Pi \[Click\] \(command:remoteit\.connectProxy/, 'still readable as what was typed');
    assert.doesNotMatch(plain('[x](https://evil.example)'), NOTIFICATION_LINK);
    assert.doesNotMatch(plain('[x](file:///etc/passwd)'), NOTIFICATION_LINK);
  });

  it('turns $(icon) into text, also when hidden behind a bidi or control character', () => {
    for (const hostile of ['$(zap) urgent', '$(sync~spin)', '$\u202e(zap)', '$\u0000(zap)', '$\n(zap)']) {
      assert.doesNotMatch(plain(hostile), ICON, JSON.stringify(hostile));
    }
    assert.equal(plain('$(zap) urgent'), '$ (zap) urgent');
  });

  it('makes one line: newlines, NUL and other control characters become single spaces', () => {
    assert.equal(plain('proxy.example\nHost *\n  ProxyCommand touch /tmp/pwned'), 'proxy.example Host * ProxyCommand touch /tmp/pwned');
    assert.equal(plain('a\u0000b\u0007c\u001bd\u007fe\u0085f\u2028g\u2029h\r\ni'), 'a b c d e f g h i');
    assert.doesNotMatch(plain('x\r\ny\tz\u000b'), /[\u0000-\u001f]/);
  });

  it('drops bidi overrides, isolates and marks, so a name cannot reorder what follows it', () => {
    const shown = plain('invoice\u202Egpj.exe \u2066x\u2069 \u200f\u061c');
    assert.doesNotMatch(shown, /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/);
    assert.equal(shown, 'invoicegpj.exe x');
  });

  it('bounds a 10 kB name, marks the cut, and never splits an emoji', () => {
    const shown = plain('A'.repeat(10_240));
    assert.equal(Array.from(shown).length, MAX_NAME_LENGTH);
    assert.ok(shown.endsWith('…'));
    const emoji = plain('🍓'.repeat(10_000));
    assert.ok(emoji.endsWith('…'));
    assert.doesNotMatch(emoji, /[\ud800-\udbff](?![\udc00-\udfff])/, 'no lone surrogate');
    assert.equal(plain('x'.repeat(600), 500).length, 500);
  });

  it('marks a cut even when what was cut is hidden behind a page of blanks', () => {
    assert.ok(plain(`${' '.repeat(20_000)}evil`).endsWith('…'));
  });

  it('takes any value: undefined and null show nothing, numbers and errors their text', () => {
    assert.equal(plain(undefined), '');
    assert.equal(plain(null), '');
    assert.equal(plain(42), '42');
    assert.equal(plain(new Error('boom\n$(zap)')), 'Error: boom $ (zap)');
  });

  it('replaces a lone surrogate a broken server sent', () => {
    assert.equal(plain('a\ud800b'), 'a\ufffdb');
  });
});

describe('markdownLiteral: untrusted text inside Markdown', () => {
  /** What CommonMark makes of backslash escapes: the literal text a reader sees. */
  const rendered = (md: string) => md.replace(/\\([!-/:-@[-`{-~])/g, '$1');

  it('escapes every construct: link, image, autolink, emphasis, heading, html, icon', () => {
    const hostile = `# Title ${COMMAND_LINK} ![i](https://t.example/p.png) <img src=x onerror=alert(1)> **b** _i_ https://evil.example $(zap)`;
    const md = markdownLiteral(hostile, 1000);
    assert.doesNotMatch(md, /(?<!\\)[[\]()<>*_#!$:]/, 'no unescaped markdown punctuation');
    assert.equal(rendered(md), plain(hostile, 1000), 'a reader sees the plain text');
  });

  it('is one bounded line, like plain', () => {
    assert.doesNotMatch(markdownLiteral('a\n\n- item\n> quote'), /\n/);
    assert.ok(rendered(markdownLiteral('B'.repeat(10_240))).length <= MAX_NAME_LENGTH);
  });

  it('keeps a backslash in the name a backslash', () => {
    assert.equal(rendered(markdownLiteral('C:\\Users\\pi')), 'C:\\Users\\pi');
  });
});
