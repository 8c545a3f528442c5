import * as assert from 'node:assert/strict';
import { authHashArgs, diagnosticsArgs, fileArgs, passwordArgs, redactArgs, type InitiatorTarget } from '../../../src/core/connectd/args';

const HASH = '16509BA77F1AF0FBAA7BBB3B2B992ED90308CAB9';
const target: InitiatorTarget = {
  serviceId: '80:00:00:00:00:00:00:F1',
  port: 33000,
  encryption: 2,
  bindAddress: '127.0.0.1',
  restrictIp: '0.0.0.0',
  maxOutstanding: 12,
  lifetimeMinutes: 0,
  idleMinutes: 0,
};

describe('connectd argv', () => {
  it('-f: status lines on, the provisioning file, and nothing secret', () => {
    assert.deepEqual(fileArgs('/private/abc.conf'), ['-s', '-f', '/private/abc.conf']);
  });

  it('-p: base64 user, auth hash, UID, T-prefixed port, then the documented positional tail', () => {
    assert.deepEqual(authHashArgs('yourname@example.com', HASH, target), [
      '-s', '-p', 'eW91cm5hbWVAZXhhbXBsZS5jb20=', HASH, '80:00:00:00:00:00:00:F1', 'T33000', '2', '127.0.0.1', '0.0.0.0', '12', '0', '0',
    ]);
  });

  it('-c: base64 user and password, no restrict IP, lifetime and idle together', () => {
    assert.deepEqual(passwordArgs('yourname@example.com', 'sup3rsekret!', { ...target, lifetimeMinutes: 60, idleMinutes: 5 }), [
      '-s', '-c', 'eW91cm5hbWVAZXhhbXBsZS5jb20=', 'c3VwM3JzZWtyZXQh', '80:00:00:00:00:00:00:F1', 'T33000', '2', '127.0.0.1', '12', '60', '5',
    ]);
  });

  it('-n for network diagnostics', () => {
    assert.deepEqual(diagnosticsArgs(), ['-n']);
  });

  it('keeps -p and -c as the last switch', () => {
    for (const args of [authHashArgs('u', HASH, target), passwordArgs('u', 'p', target)]) {
      const switches = args.filter((a) => /^-[a-z]/.test(a));
      assert.match(switches[switches.length - 1], /^-[pc]$/);
    }
  });

  it('hides secrets when the argv is logged', () => {
    const p = redactArgs(authHashArgs('u@example.com', HASH, target));
    assert.ok(!p.includes(HASH));
    assert.equal(p[3], '<hidden>');
    const c = redactArgs(passwordArgs('u@example.com', 'pw', target));
    assert.ok(!c.includes(Buffer.from('pw').toString('base64')));
    assert.deepEqual(redactArgs(fileArgs('/x')), ['-s', '-f', '/x']);
  });
});
