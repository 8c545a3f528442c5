import * as assert from 'node:assert/strict';
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_POLICY } from '../../../src/core/connections/policy';
import { settle, until } from './fakes';
import { AUTH_HASH, CONNECTD, Harness, HTTP, SSH, startupLines, USER } from './harness';

const ID = HTTP.serviceId;
const argFile = (args: readonly string[]): string => args[args.indexOf('-f') + 1];

describe('launching connectd', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.create();
  });
  afterEach(() => h.dispose());

  const noSecretInLogs = () => assert.ok(!h.logger.lines.some((l) => l.includes(AUTH_HASH)), 'auth hash in a log line');

  describe('the default: -f with a provisioning file', () => {
    it('runs `connectd -s -f <file>` with no secret on the command line', async () => {
      await h.manager.start(HTTP);
      const child = await h.spawner.next(1);
      assert.equal(child.command, CONNECTD);
      assert.deepEqual(child.args.slice(0, 2), ['-s', '-f']);
      assert.equal(child.args.length, 3);
      assert.ok(!child.args.join(' ').includes(AUTH_HASH));
      assert.ok(!child.args.join(' ').includes(Buffer.from(USER).toString('base64')));
      noSecretInLogs();
    });

    it('writes the initiator keys into a 0600 file inside a private 0700 directory', async () => {
      await h.manager.start(HTTP);
      const child = await h.spawner.next(1);
      const port = h.manager.get(ID)!.port!;
      assert.equal(path.dirname(path.dirname(argFile(child.args))), h.storageDir);
      if (process.platform !== 'win32') {
        assert.equal(child.fileMode, 0o600);
        assert.equal(child.dirMode, 0o700);
      }
      const entries = child.provisioning!.split('\n').filter((l) => l && !l.startsWith('#'));
      assert.deepEqual(entries, [
        'autoconnect 1',
        `user_id ${USER}`,
        `auth_hash ${AUTH_HASH}`,
        `remote_address ${HTTP.serviceId}`,
        `proxy_local_port ${port}`,
        'proxy_bind_address 127.0.0.1',
        'max_depth 12',
        'encryption 2',
      ]);
      assert.ok(child.provisioning!.endsWith('# keep this comment line here\n'));
    });

    it('keeps the file through the banner and removes it at the first line after it', async () => {
      await h.manager.start(HTTP);
      const child = await h.spawner.next(1);
      const file = argFile(child.args);
      const [built, version, features, platform, configLine] = startupLines();
      child.lines(built, version, features, platform);
      await settle();
      assert.ok(existsSync(file), 'still there while connectd prints its banner');
      child.lines(configLine);
      await until(() => !existsSync(file), 'file removed after connectd read it');
    });

    it('removes the file when connectd exits without a word', async () => {
      await h.manager.start(HTTP);
      const child = await h.spawner.next(1);
      const file = argFile(child.args);
      child.exit(1);
      await until(() => !existsSync(file), 'file removed on exit');
    });

    it('removes the file a fixed time after spawn when connectd stays silent', async () => {
      await h.manager.start(HTTP);
      const child = await h.spawner.next(1);
      const file = argFile(child.args);
      await h.clock.advance(DEFAULT_POLICY.provisioningReadMs - 1);
      assert.ok(existsSync(file));
      await h.clock.advance(1);
      await until(() => !existsSync(file), 'file removed after the read time');
      assert.ok(child.running, 'connectd keeps running');
    });

    it('falls back to -f (with a warning) when launchMode "password" is configured', async () => {
      h.settings.launchMode = 'password';
      await h.manager.start(HTTP);
      const child = await h.spawner.next(1);
      assert.deepEqual(child.args.slice(0, 2), ['-s', '-f']);
      assert.ok(h.logger.lines.some((l) => l.startsWith('warn') && l.includes('password')));
    });

    it('warns that a restrict IP cannot be enforced through a provisioning file', async () => {
      h.settings = { ...h.settings, restrictIp: '192.168.1.7' };
      await h.manager.start(HTTP);
      await h.spawner.next(1);
      assert.ok(h.logger.lines.some((l) => l.startsWith('warn') && l.includes('192.168.1.7')));
    });
  });

  describe('the legacy -p form', () => {
    it('is used only when configured, and warns that the hash is visible to other local users', async () => {
      h.settings.launchMode = 'authhash';
      await h.manager.start({ ...HTTP, port: 33555 });
      const child = await h.spawner.next(1);
      assert.deepEqual(child.args, ['-s', '-p', Buffer.from(USER).toString('base64'), AUTH_HASH, HTTP.serviceId, 'T33555', '2', '127.0.0.1', '0.0.0.0', '12', '0', '0']);
      assert.ok(h.logger.lines.some((l) => l.startsWith('warn') && /visible/.test(l)));
      await until(() => h.logger.lines.some((l) => l.includes(' -p ') && l.includes('<hidden>')), 'argv logged, redacted');
      noSecretInLogs();
    });
  });

  describe('time limits', () => {
    it('-p gets the lifetime and idle settings in seconds (the unit connectd counts), not minutes', async () => {
      h.settings.launchMode = 'authhash';
      h.settings.lifetimeMinutes = 30;
      h.settings.idleMinutes = 0.5;
      await h.manager.start(HTTP);
      const child = await h.spawner.next(1);
      assert.deepEqual(child.args.slice(-2), ['1800', '30']);
    });

    it('the provisioning file carries no lifetime / grace_period (connectd ignores them there; the engine enforces them)', async () => {
      h.settings.lifetimeMinutes = 30;
      h.settings.idleMinutes = 5;
      await h.manager.start(HTTP);
      const child = await h.spawner.next(1);
      assert.doesNotMatch(child.provisioning!, /^(?:lifetime|grace_period)\b/m);
    });
  });

  describe('a workspace provisioning file (a task\'s `file`): a template', () => {
    const template = ['# my pi', 'autoconnect 1', 'remote_address 80:00:00:00:01:00:0A:C9', 'proxy_local_port 33300', 'max_depth 20', '# keep this comment line here', ''].join('\r\n');

    it('runs a private copy: the template\'s service, a free port, the signed-in account; the workspace file stays untouched', async () => {
      const file = path.join(h.storageDir, 'user.conf');
      await fs.writeFile(file, template);
      h.busy.add(33300);
      await h.manager.start({ serviceId: file, name: 'my pi', provisioningFile: file });
      const child = await h.spawner.next(1);
      const s = h.manager.get(file)!;
      assert.equal(s.id, file);
      assert.notEqual(argFile(child.args), file);
      assert.notEqual(s.port, 33300);
      assert.equal(s.portChangedFrom, 33300);
      const entries = child.provisioning!.split('\n').filter((l) => l && !l.startsWith('#'));
      assert.deepEqual(entries, ['autoconnect 1', `user_id ${USER}`, `auth_hash ${AUTH_HASH}`, 'remote_address 80:00:00:00:01:00:0A:C9', `proxy_local_port ${s.port}`, 'proxy_bind_address 127.0.0.1', 'max_depth 20', 'encryption 2']);
      assert.equal(await fs.readFile(file, 'utf8'), template, 'the account’s credentials never go into the workspace file');
    });

    it('needs a signed-in account (a template carries no credentials)', async () => {
      const file = path.join(h.storageDir, 'user.conf');
      await fs.writeFile(file, template);
      h.credentials = undefined;
      const s = await h.manager.start({ serviceId: file, name: 'my pi', provisioningFile: file });
      assert.equal(s.failure?.action, 'signIn');
      assert.equal(h.spawner.processes.length, 0);
    });

    it('refuses a file with credentials or unknown keys, naming them, and starts nothing', async () => {
      const file = path.join(h.storageDir, 'creds.conf');
      await fs.writeFile(file, 'user_id attacker@example.com\nauth_hash 0123456789ABCDEF0123456789ABCDEF01234567\nremote_address 80:00:00:00:01:00:0A:C9\ncustom_key x\n');
      const s = await h.manager.start({ serviceId: file, name: 'x', provisioningFile: file });
      assert.equal(s.state, 'failed');
      assert.match(s.failure!.message, /may not set: "user_id", "auth_hash", "custom_key"/);
      assert.equal(h.spawner.processes.length, 0);
      assert.deepEqual(await fs.readdir(path.join(h.storageDir, 'provisioning')).catch(() => []), [], 'no private copy written');
    });

    it('refuses hostile values before anything reaches argv or a file', async () => {
      const file = path.join(h.storageDir, 'hostile.conf');
      await fs.writeFile(file, 'remote_address 80:00:00:00:01:00:0A:C9\nproxy_bind_address 0.0.0.0 -y evil:5959\n');
      const s = await h.manager.start({ serviceId: file, name: 'x', provisioningFile: file });
      assert.match(s.failure!.message, /proxy_bind_address "0\.0\.0\.0 -y evil:5959" is not an IPv4 address/);
      assert.equal(h.spawner.processes.length, 0);
    });

    it('fails clearly when the file is missing or names no service', async () => {
      await h.manager.start({ serviceId: '/nope.conf', name: 'x', provisioningFile: '/nope.conf' });
      assert.match(h.manager.get('/nope.conf')!.failure!.message, /Cannot read the provisioning file/);
      const empty = path.join(h.storageDir, 'empty.conf');
      await fs.writeFile(empty, '# nothing\n');
      await h.manager.start({ serviceId: empty, name: 'x', provisioningFile: empty });
      assert.match(h.manager.get(empty)!.failure!.message, /no remote_address/);
      assert.equal(h.spawner.processes.length, 0);
    });
  });

  describe('hostile values from the API or the settings', () => {
    it('a service id with a line break never reaches a provisioning file', async () => {
      const s = await h.manager.start({ ...HTTP, serviceId: '80:00:00:00:01:00:0A:C2\nauth_hash 0000' });
      assert.equal(s.state, 'failed');
      assert.match(s.failure!.message, /is not a remote\.it service address/);
      assert.equal(h.spawner.processes.length, 0);
    });

    it('a user name with a line break (from the API) never reaches a provisioning file', async () => {
      h.credentials = { user: 'dev@example.com\nremote_address 80:00:00:00:00:00:00:01', authHash: AUTH_HASH };
      const s = await h.manager.start(HTTP);
      assert.match(s.failure!.message, /user name connectd cannot take/);
      assert.equal(h.spawner.processes.length, 0);
    });

    it('a bind address setting with a space never reaches -p argv', async () => {
      h.settings.launchMode = 'authhash';
      h.settings.bindAddress = '127.0.0.1 -y evil:5959';
      const s = await h.manager.start(HTTP);
      assert.match(s.failure!.message, /bind address .* is not an IPv4 address/);
      assert.equal(h.spawner.processes.length, 0);
    });
  });

  describe('failing before connectd runs', () => {
    it('signed out → failed with "sign in", nothing spawned', async () => {
      h.credentials = undefined;
      const s = await h.manager.start(HTTP);
      assert.equal(s.state, 'failed');
      assert.equal(s.failure!.action, 'signIn');
      assert.equal(h.spawner.processes.length, 0);
    });

    it('connectd missing → failed with the finder\'s advice', async () => {
      h.connectd = new Error('connectd was not found. Install it or set remoteit.connectd.path.');
      const s = await h.manager.start(HTTP);
      assert.equal(s.state, 'failed');
      assert.deepEqual(s.failure, { message: 'connectd was not found. Install it or set remoteit.connectd.path.', action: 'setting', setting: 'remoteit.connectd.path' });
    });

    it('provisioning folder not writable or disk full → failed with a sentence and Retry, nothing spawned', async () => {
      // A file where the private folder should be: the folder can be neither made nor written (also as root).
      await fs.writeFile(path.join(h.storageDir, 'provisioning'), '');
      const s = await h.manager.start(HTTP);
      assert.equal(s.state, 'failed');
      assert.equal(s.failure!.action, 'retry');
      assert.match(s.failure!.message, /^Could not write connectd's start-up file in .*provisioning: it could not be written\. Free some disk space or make the folder writable, then Retry\.$/);
      assert.equal(h.spawner.processes.length, 0);
    });

    it('spawn error → failed, and the provisioning file is gone', async () => {
      h.spawner.failNext = Object.assign(new Error('spawn /opt/remoteit/connectd EACCES'), { code: 'EACCES' });
      const s = await h.manager.start(HTTP);
      assert.equal(s.state, 'failed');
      assert.match(s.failure!.message, /Could not start connectd .*EACCES/);
      assert.deepEqual(await fs.readdir(path.join(h.storageDir, 'provisioning')), []);
    });
  });

  describe('ports', () => {
    it('reuses the port a service had last time when it is free', async () => {
      const { snapshot } = await h.connect({ ...HTTP, port: 35000 });
      await h.manager.stop(ID);
      const again = await h.connect(HTTP);
      assert.equal(again.snapshot.port, snapshot.port);
      assert.equal(again.snapshot.portChangedFrom, undefined);
    });

    it('moves to the next free port in the range when the remembered one is busy, and says so', async () => {
      await h.connect({ ...HTTP, port: 35000 });
      await h.manager.stop(ID);
      h.busy.add(35000).add(35001);
      await h.manager.start(HTTP);
      const s = h.manager.get(ID)!;
      assert.equal(s.port, 35002);
      assert.equal(s.portChangedFrom, 35000);
    });

    it('starts at the beginning of the configured range', async () => {
      h.settings.portRange = '36000-36010';
      h.busy.add(36000);
      await h.manager.start(HTTP);
      assert.equal(h.manager.get(ID)!.port, 36001);
      assert.equal(h.manager.get(ID)!.portChangedFrom, undefined);
    });

    it('never gives two connections the same port, even when started together', async () => {
      h.settings.portRange = '36000-36010';
      const ids = ['80:00:00:00:01:00:00:0A', '80:00:00:00:01:00:00:0B', '80:00:00:00:01:00:00:0C', '80:00:00:00:01:00:00:0D'];
      await Promise.all(ids.map((serviceId) => h.manager.start({ serviceId, name: serviceId })));
      const ports = ids.map((id) => h.manager.get(id)!.port);
      assert.equal(new Set(ports).size, ids.length, `ports ${ports.join(',')}`);
    });

    it('a port asked for by one connection is not given to another', async () => {
      await h.connect({ ...HTTP, port: 36000 });
      await h.manager.start({ ...SSH, port: 36000 });
      assert.notEqual(h.manager.get(SSH.serviceId)!.port, 36000);
    });

    it('fails with "other port" when the range is full', async () => {
      h.settings.portRange = '36000-36001';
      h.busy.add(36000).add(36001);
      const s = await h.manager.start(HTTP);
      assert.equal(s.state, 'failed');
      assert.equal(s.failure!.action, 'otherPort');
      assert.match(s.failure!.message, /36000-36001/);
    });

    it('an invalid range setting falls back to the default, with a warning', async () => {
      h.settings.portRange = 'lots';
      await h.manager.start(HTTP);
      assert.equal(h.manager.get(ID)!.port, 33000);
      assert.ok(h.logger.lines.some((l) => l.startsWith('warn') && l.includes('lots')));
    });
  });

  describe('pid files', () => {
    it('exist while connectd runs and go when it ends', async () => {
      const pidDir = path.join(h.storageDir, 'pids');
      const { child } = await h.connect(HTTP);
      const [name] = await fs.readdir(pidDir);
      const record = JSON.parse(await fs.readFile(path.join(pidDir, name), 'utf8'));
      assert.equal(record.pid, child.pid);
      assert.equal(record.command, CONNECTD);
      assert.equal(record.id, ID);
      await h.manager.stop(ID);
      assert.deepEqual(await fs.readdir(pidDir), []);
    });
  });
});
