import * as assert from 'node:assert/strict';
import { safeExternalUrl } from '../../../src/core/untrusted/url';

describe('safeExternalUrl: what may reach openExternal', () => {
  it('lets http and https through, normalised', () => {
    assert.equal(safeExternalUrl('https://a4csg2w9f8wipk.p16.rt3.io'), 'https://a4csg2w9f8wipk.p16.rt3.io/');
    assert.equal(safeExternalUrl('http://127.0.0.1:33001'), 'http://127.0.0.1:33001/');
    assert.equal(safeExternalUrl(' HTTPS://Proxy.example/x?y=1 '), 'https://proxy.example/x?y=1');
  });

  it('refuses every other scheme', () => {
    for (const url of [
      'command:remoteit.connectProxy?%5B%5D',
      'vscode:extension/evil.publisher',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'ssh://host',
      'vscode-insiders://x',
    ]) {
      assert.equal(safeExternalUrl(url), undefined, url);
    }
  });

  it('refuses relative, malformed, credential-carrying, multi-line and oversized URLs', () => {
    for (const url of ['/relative', 'proxy.example', 'https://', 'https://user:pw@bank.example.evil.example', 'https://a.example\n.evil', 'https://a.example/\u0000', `https://a.example/${'x'.repeat(5000)}`, 42, undefined]) {
      assert.equal(safeExternalUrl(url), undefined, JSON.stringify(url));
    }
  });
});
