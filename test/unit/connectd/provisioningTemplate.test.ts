import * as assert from 'node:assert/strict';
import { ProvisioningDocument } from '../../../src/core/connectd/provisioning';
import { readTemplate } from '../../../src/core/connectd/provisioningTemplate';

const read = (lines: string[]) => readTemplate(ProvisioningDocument.parse(lines.join('\r\n')), 'pi.conf');
const refusal = (lines: string[]): string => {
  const result = read(lines);
  assert.ok('refused' in result, `refused: ${JSON.stringify(result)}`);
  return result.refused;
};

describe('a workspace provisioning file, read as a template', () => {
  it('takes where to connect from the documented initiator keys, each in its canonical form', () => {
    assert.deepEqual(read(['# my pi', 'autoconnect 1', 'remote_address 80:00:00:00:01:00:0a:c9', 'proxy_local_port 33300', 'proxy_bind_address 127.0.0.1', 'max_depth 20', 'encryption 2', '# keep this comment line here']), {
      serviceId: '80:00:00:00:01:00:0A:C9',
      port: 33300,
      bindAddress: '127.0.0.1',
      maxOutstanding: 20,
      encryption: 2,
    });
  });

  it('accepts lifetime and grace_period (connectd ignores them in a file; the settings apply)', () => {
    assert.deepEqual(read(['remote_address 80:00:00:00:01:00:0A:C9', 'lifetime 60', 'grace_period 5']), { serviceId: '80:00:00:00:01:00:0A:C9' });
  });

  it('refuses credentials and unknown keys, naming them: connections use the signed-in account', () => {
    const message = refusal(['user_id attacker@example.com', 'auth_hash 0123456789ABCDEF0123456789ABCDEF01234567', 'remote_address 80:00:00:00:01:00:0A:C9', 'custom_key x']);
    assert.match(message, /^The provisioning file pi\.conf has keys a workspace file may not set: "user_id", "auth_hash", "custom_key". Keep only remote_address, proxy_local_port, proxy_bind_address, max_depth, encryption, autoconnect; connections use your signed-in remote\.it account\.$/);
  });

  it('names a refused key inertly, even one shaped as a command link', () => {
    const message = refusal(['remote_address 80:00:00:00:01:00:0A:C9', '[x](command:workbench.action.terminal.new) 1']);
    assert.match(message, /"\[x\] \(command:workbench\.action\.terminal\.new\)"/);
  });

  it('refuses a file without remote_address', () => {
    assert.match(refusal(['# nothing', 'proxy_local_port 33000']), /has no remote_address/);
  });

  const hostile: [string, string, RegExp][] = [
    ['a service address with an extra word', 'remote_address 80:00:00:00:01:00:0A:C9 -y evil:5959', /remote_address "80:00:00:00:01:00:0A:C9 -y evil:5959" is not a remote\.it service address/],
    ['a port out of range', 'proxy_local_port 99999', /proxy_local_port "99999" is not a port number/],
    ['a bind address with a second value', 'proxy_bind_address 0.0.0.0 auth_hash', /proxy_bind_address "0\.0\.0\.0 auth_hash" is not an IPv4 address/],
    ['a bind address that is a host name', 'proxy_bind_address evil.example.com', /is not an IPv4 address/],
    ['a buffer depth with a sign', 'max_depth -1', /max_depth "-1" is not a buffer depth/],
    ['an encryption mode out of range', 'encryption 3', /encryption "3" is not an encryption mode/],
    ['a very long value', `remote_address ${'A'.repeat(500)}`, /"A+…" is not a remote\.it service address/],
  ];
  for (const [what, line, expected] of hostile) {
    it(`refuses ${what}, quoting the value safely`, () => {
      const lines = line.startsWith('remote_address') ? [line] : ['remote_address 80:00:00:00:01:00:0A:C9', line];
      const message = refusal(lines);
      assert.match(message, expected);
      assert.doesNotMatch(message, /[\r\n\u2028\u2029]/);
    });
  }

  it('never lets a line break through: a CR inside a line ends it, and the rest is a key of its own (refused)', () => {
    const message = refusal(['remote_address 80:00:00:00:01:00:0A:C9\rauth_hash 0123456789ABCDEF0123456789ABCDEF01234567']);
    assert.match(message, /"auth_hash"/);
  });
});
