import * as assert from 'node:assert/strict';
import { initiatorValueProblem, type InitiatorTarget } from '../../../src/core/connectd/target';

const account = { user: 'dev@example.com', authHash: 'E1F1772EA75D04755B8BBD236C470550E7A9FB33' };
const target: InitiatorTarget = { serviceId: '80:00:00:00:01:00:0A:C2', port: 33000, encryption: 2, bindAddress: '127.0.0.1', restrictIp: '0.0.0.0', maxOutstanding: 12, lifetimeSeconds: 0, idleSeconds: 0 };

describe('initiator values before they reach argv or a provisioning file', () => {
  it('accepts sound values', () => {
    assert.equal(initiatorValueProblem(account, target), undefined);
  });

  const hostile: [string, Partial<InitiatorTarget>, RegExp][] = [
    ['a service id carrying a second line', { serviceId: '80:00:00:00:01:00:0A:C2\nauth_hash 0000' }, /is not a remote\.it service address/],
    ['a service id carrying another switch', { serviceId: '80:00:00:00:01:00:0A:C2 -y' }, /is not a remote\.it service address/],
    ['a bind address with a newline', { bindAddress: '127.0.0.1\nproxy_local_port 22' }, /bind address .* is not an IPv4 address/],
    ['a restrict IP that is a word', { restrictIp: 'anyone' }, /restrict IP "anyone"/],
    ['a port out of range', { port: 70000 }, /not a local port number/],
    ['a fractional lifetime', { lifetimeSeconds: 1.5 }, /whole number of seconds/],
  ];
  for (const [what, change, expected] of hostile) {
    it(`refuses ${what}`, () => {
      const problem = initiatorValueProblem(account, { ...target, ...change });
      assert.match(problem ?? '', expected);
      assert.doesNotMatch(problem ?? '', /\n/, 'the message itself stays one line');
    });
  }

  it('refuses a user name from the API that would add a line to the provisioning file, and an auth hash that is not 40 hex', () => {
    assert.match(initiatorValueProblem({ ...account, user: 'dev@example.com\nauth_hash 00' }, target) ?? '', /user name connectd cannot take/);
    assert.match(initiatorValueProblem({ ...account, authHash: 'not-a-hash' }, target) ?? '', /auth hash is not 40 hexadecimal/);
  });
});
