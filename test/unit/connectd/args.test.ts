import * as assert from 'node:assert/strict';
import { authHashArgs, diagnosticsArgs, fileArgs, helpArgs, redactArgs } from '../../../src/core/connectd/args';
import type { InitiatorTarget } from '../../../src/core/connectd/target';

const HASH = '16509BA77F1AF0FBAA7BBB3B2B992ED90308CAB9';
const account = { user: 'yourname@example.com', authHash: HASH };
const target: InitiatorTarget = {
  serviceId: '80:00:00:00:00:00:00:F1',
  port: 33000,
  encryption: 2,
  bindAddress: '127.0.0.1',
  restrictIp: '0.0.0.0',
  maxOutstanding: 12,
  lifetimeSeconds: 0,
  idleSeconds: 0,
};

describe('connectd argv', () => {
  it('-f: status lines on, the provisioning file, and nothing secret', () => {
    assert.deepEqual(fileArgs('/private/abc.conf'), ['-s', '-f', '/private/abc.conf']);
  });

  it('-p: base64 user, auth hash, UID, T-prefixed port, then the documented positional tail', () => {
    assert.deepEqual(authHashArgs(account, target), [
      '-s', '-p', 'eW91cm5hbWVAZXhhbXBsZS5jb20=', HASH, '80:00:00:00:00:00:00:F1', 'T33000', '2', '127.0.0.1', '0.0.0.0', '12', '0', '0',
    ]);
  });

  it('-p: lifetime and idle limits in seconds, the unit the real binary counts (its usage text says minutes)', () => {
    const args = authHashArgs(account, { ...target, lifetimeSeconds: 1800, idleSeconds: 300 });
    assert.deepEqual(args.slice(-2), ['1800', '300']);
  });

  it('-h reads the banner; -n runs the network diagnostics', () => {
    assert.deepEqual(helpArgs(), ['-h']);
    assert.deepEqual(diagnosticsArgs(), ['-n']);
  });

  it('keeps -p as the last switch', () => {
    const switches = authHashArgs(account, target).filter((a) => /^-[a-z]/.test(a));
    assert.equal(switches[switches.length - 1], '-p');
  });

  it('hides secrets when the argv is logged', () => {
    const p = redactArgs(authHashArgs({ user: 'u@example.com', authHash: HASH }, target));
    assert.ok(!p.includes(HASH));
    assert.equal(p[3], '<hidden>');
    assert.deepEqual(redactArgs(['-s', '-c', 'dXNlcg==', 'cHc=', 'x']), ['-s', '-c', 'dXNlcg==', '<hidden>', 'x']);
    assert.deepEqual(redactArgs(fileArgs('/x')), ['-s', '-f', '/x']);
  });
});
