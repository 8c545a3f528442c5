import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  clearProvisioningDir,
  initiatorProvisioning,
  ProvisioningDocument,
  readProvisioningFile,
  removeProvisioningFile,
  writeProvisioningFile,
} from '../../../src/core/connectd/provisioning';

const HASH = 'E1F1772EA75D04755B8BBD236C470550E7A9FB33';

const DOC_SAMPLE = [
  '# setting autoconnect to 1 will autoconnect the p2p initiator to the target',
  '# setting autoconnect to 2 will attempt to automatically reconnect in the event ',
  '# of a network interruption',
  'autoconnect 1',
  '',
  '#user ID to use for the initiator connection (required)',
  'user_id username@remote.it',
  '',
  '#auth_pass users password to use to make the Initiator P2P connection (not recommended, use auth_hash)',
  'auth_pass weaved1234',
  '',
  '#local port to bind TCP proxy socket to, mandatory',
  'proxy_local_port 33300',
  '',
  '#proxy local IP to bind to, can be 127.0.0.1, 0.0.0.0 or any local adapter IP',
  'proxy_bind_address 127.0.0.1',
  '',
  '#remote_address is the (UID) address of the target to connect to.\\',
  'remote_address 80:00:00:00:01:00:0A:C2',
  '',
  '#Maximum buffer depth for each TCP connection (10-25) good range raise for high latency enviorments',
  'max_depth 12',
  '# keep this comment line here',
  '',
];

describe('provisioning files', () => {
  describe('the generated initiator file', () => {
    const text = initiatorProvisioning(
      { user: 'someuser@remote.it', authHash: HASH },
      { serviceId: '80:00:00:00:01:00:0A:C2', port: 33001, bindAddress: '127.0.0.1', restrictIp: '0.0.0.0', maxOutstanding: 12, encryption: 2, lifetimeSeconds: 600, idleSeconds: 60 },
    ).toString();

    it('has exactly the initiator keys, in order, ending with the trailing comment line (no lifetime / grace_period: connectd ignores them in a file)', () => {
      const lines = text.split('\n');
      assert.equal(lines.pop(), '', 'ends with a newline');
      assert.equal(lines[lines.length - 1], '# keep this comment line here');
      const keys = lines.filter((l) => !l.startsWith('#')).map((l) => l.split(' ')[0]);
      assert.deepEqual(keys, ['autoconnect', 'user_id', 'auth_hash', 'remote_address', 'proxy_local_port', 'proxy_bind_address', 'max_depth', 'encryption']);
    });

    it('carries the values', () => {
      const doc = ProvisioningDocument.parse(text);
      assert.equal(doc.get('auth_hash'), HASH);
      assert.equal(doc.get('user_id'), 'someuser@remote.it');
      assert.equal(doc.get('remote_address'), '80:00:00:00:01:00:0A:C2');
      assert.equal(doc.get('proxy_local_port'), '33001');
      assert.equal(doc.get('autoconnect'), '1');
    });
  });

  describe('reading a user file', () => {
    it('reads the documented sample', () => {
      const doc = ProvisioningDocument.parse(DOC_SAMPLE.join('\n'));
      assert.equal(doc.get('remote_address'), '80:00:00:00:01:00:0A:C2');
      assert.equal(doc.get('proxy_local_port'), '33300');
      assert.equal(doc.get('auth_pass'), 'weaved1234');
      assert.equal(doc.get('auth_hash'), undefined);
      assert.deepEqual(doc.keys(), ['autoconnect', 'user_id', 'auth_pass', 'proxy_local_port', 'proxy_bind_address', 'remote_address', 'max_depth']);
    });

    it('round-trips byte for byte: comments, CRLF, mixed line ends, unknown keys, no final newline', () => {
      for (const text of [
        DOC_SAMPLE.join('\n'),
        DOC_SAMPLE.join('\r\n'),
        'mystery_key  some value\r\nautoconnect 1\nuser_id x\r\n# tail',
        '',
        '\n\n',
      ]) {
        assert.equal(ProvisioningDocument.parse(text).toString(), text);
      }
    });

    it('does not mistake a commented-out key for a value', () => {
      const doc = ProvisioningDocument.parse('#proxy_local_port 1\n  proxy_local_port   2  \n# x\n');
      assert.equal(doc.get('proxy_local_port'), '2');
    });
  });

  describe('on disk', () => {
    let root: string;
    beforeEach(async () => {
      root = await fs.mkdtemp(path.join(os.tmpdir(), 'rit-prov-'));
    });
    afterEach(() => fs.rm(root, { recursive: true, force: true }));

    const posixOnly = process.platform === 'win32' ? it.skip : it;

    posixOnly('writes the file mode 0600 inside a 0700 directory', async () => {
      const dir = path.join(root, 'provisioning');
      const file = await writeProvisioningFile(dir, 'autoconnect 1\n# keep this comment line here\n');
      assert.equal(path.dirname(file), dir);
      assert.equal((await fs.stat(dir)).mode & 0o777, 0o700);
      assert.equal((await fs.stat(file)).mode & 0o777, 0o600);
      assert.equal((await readProvisioningFile(file)).get('autoconnect'), '1');
    });

    posixOnly('tightens an existing directory that was too open', async () => {
      const dir = path.join(root, 'loose');
      await fs.mkdir(dir, { mode: 0o755 });
      await fs.chmod(dir, 0o755);
      await writeProvisioningFile(dir, 'x 1\n#\n');
      assert.equal((await fs.stat(dir)).mode & 0o777, 0o700);
    });

    it('gives every file its own name, removes it, and clears leftovers except files in use', async () => {
      const dir = path.join(root, 'p');
      const a = await writeProvisioningFile(dir, 'a 1\n#\n');
      const b = await writeProvisioningFile(dir, 'b 1\n#\n');
      const c = await writeProvisioningFile(dir, 'c 1\n#\n');
      assert.notEqual(a, b);
      await removeProvisioningFile(a);
      await removeProvisioningFile(a);
      await clearProvisioningDir(dir, new Set([c]));
      assert.deepEqual(await fs.readdir(dir), [path.basename(c)]);
      await clearProvisioningDir(path.join(root, 'missing'));
    });
  });
});
