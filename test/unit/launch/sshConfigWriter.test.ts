import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { OWN_ACCOUNT } from '../../../src/core/account/deviceStore';
import type { AtomicFs } from '../../../src/core/launch/atomicFile';
import { hostPort, readIncludeFile, sshAlias, UnsafeSshValueError } from '../../../src/core/launch/sshConfig';
import { SshConfigWriter } from '../../../src/core/launch/sshConfigWriter';

const ALIAS = sshAlias('80:00:00:00:01:00:0A:C2');
const OWN = OWN_ACCOUNT;

describe('SshConfigWriter on real files', () => {
  let home: string;
  let include: string;
  let userConfig: string;
  const writer = (options: ConstructorParameters<typeof SshConfigWriter>[2] = {}) => new SshConfigWriter(include, () => userConfig, { home, ...options });
  const mode = (f: string) => fs.statSync(f).mode & 0o777;
  const includes = () => fs.readFileSync(userConfig, 'utf8').split('\n').filter((l) => /^Include /.test(l));

  beforeEach(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'rit-home-'));
    include = path.join(home, '.config', 'Code', 'User', 'globalStorage', 'remoteit', 'ssh', 'config');
    userConfig = path.join(home, '.ssh', 'config');
  });
  afterEach(() => fs.rmSync(home, { recursive: true, force: true }));

  it('creates both files privately when missing, and rewrites nothing the second time', async () => {
    await writer().upsert({ alias: ALIAS, port: 33001, user: 'pi' }, OWN);
    assert.equal(hostPort(fs.readFileSync(include, 'utf8'), ALIAS), 33001);
    assert.deepEqual(includes(), [`Include ${include}`]);
    assert.equal(mode(include), 0o600);
    assert.equal(mode(userConfig), 0o600);
    assert.equal(fs.statSync(path.dirname(userConfig)).mode & 0o777, 0o700);
    const before = [fs.statSync(include).ino, fs.statSync(userConfig).ino];
    await writer().upsert({ alias: ALIAS, port: 33001, user: 'pi' }, OWN);
    assert.deepEqual([fs.statSync(include).ino, fs.statSync(userConfig).ino], before, 'not replaced');
  });

  it('keeps the user\'s lines and the config\'s mode, and adds no second Include for a ~ spelling', async () => {
    fs.mkdirSync(path.dirname(userConfig), { recursive: true });
    const mine = `Include ~/${path.relative(home, include)}\nHost box\n  User me\n`;
    fs.writeFileSync(userConfig, mine);
    fs.chmodSync(userConfig, 0o644);
    await writer().upsert({ alias: ALIAS, port: 33001, user: 'pi' }, OWN);
    assert.equal(fs.readFileSync(userConfig, 'utf8'), mine);

    fs.writeFileSync(userConfig, 'Host box\n  User me\n');
    await writer().upsert({ alias: ALIAS, port: 33002, user: 'pi' }, OWN);
    assert.ok(fs.readFileSync(userConfig, 'utf8').endsWith('Host box\n  User me\n'));
    assert.equal(includes().length, 1);
    assert.equal(mode(userConfig), 0o644, 'mode kept');
  });

  it('two windows opening services at the same time: every block lands, one Include', async () => {
    const windowA = writer();
    const windowB = writer();
    const ids = Array.from({ length: 12 }, (_, i) => `80:00:00:00:01:00:00:${i.toString(16).padStart(2, '0')}`);
    await Promise.all(ids.map((id, i) => (i % 2 ? windowA : windowB).upsert({ alias: sshAlias(id), port: 33000 + i, user: 'pi' }, OWN)));
    const text = fs.readFileSync(include, 'utf8');
    assert.deepEqual(ids.map((id) => hostPort(text, sshAlias(id))), ids.map((_, i) => 33000 + i));
    assert.equal(includes().length, 1);
    assert.ok(!fs.existsSync(`${include}.lock`), 'the lock is released');
  });

  it('a proxy host with a newline never reaches the file, and the files stay as they were', async () => {
    await writer().upsert({ alias: ALIAS, port: 33001, user: 'pi' }, OWN);
    const before = fs.readFileSync(include, 'utf8');
    const other = sshAlias('80:00:00:00:01:00:00:01');
    await assert.rejects(writer().upsert({ alias: other, port: 37488, hostName: 'proxy.example\nHost *\n  ProxyCommand touch /tmp/pwned' }, OWN), UnsafeSshValueError);
    await assert.rejects(writer().upsert({ alias: other, port: 37488, user: 'pi\nHost *' }, OWN), UnsafeSshValueError);
    assert.equal(fs.readFileSync(include, 'utf8'), before);
  });

  it('a read-only user config (a home-manager link into a read-only store): the block is written and the exact line returned', async () => {
    const store = path.join(home, 'nix-store');
    fs.mkdirSync(store);
    const real = path.join(store, 'ssh_config');
    fs.writeFileSync(real, 'Host box\n  User me\n');
    fs.mkdirSync(path.dirname(userConfig), { recursive: true });
    fs.symlinkSync(real, userConfig);
    // What the OS answers for a read-only file system (also as root, where chmod would not stop the write).
    const readOnlyStore: AtomicFs = {
      ...fs.promises,
      open: ((p: string, ...rest: [string, number?]) =>
        path.dirname(String(p)) === store && rest[0] === 'wx'
          ? Promise.reject(Object.assign(new Error(`EROFS: read-only file system, open '${p}'`), { code: 'EROFS' }))
          : fs.promises.open(p, ...rest)) as AtomicFs['open'],
    };
    const result = await writer({ fs: readOnlyStore }).upsert({ alias: ALIAS, port: 33001, user: 'pi' }, OWN);
    assert.deepEqual(result, { includeLineToAdd: `Include ${include}` });
    assert.equal(fs.readFileSync(real, 'utf8'), 'Host box\n  User me\n', 'the user\'s config is untouched');
    assert.ok(fs.lstatSync(userConfig).isSymbolicLink());
    assert.equal(hostPort(fs.readFileSync(include, 'utf8'), ALIAS), 33001, 'ssh -F <include> works meanwhile');
  });

  it('any other failure on the user config stops before the include file changes', async () => {
    fs.mkdirSync(path.dirname(userConfig), { recursive: true });
    fs.writeFileSync(userConfig, 'Host box\n');
    const full: AtomicFs = { ...fs.promises, rename: async () => Promise.reject(Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' })) };
    await assert.rejects(writer({ fs: full }).upsert({ alias: ALIAS, port: 33001 }, OWN), /ENOSPC/);
    assert.ok(!fs.existsSync(include));
    assert.equal(fs.readFileSync(userConfig, 'utf8'), 'Host box\n');
  });

  it('follows port changes, prunes services that are gone, and empties on sign-out', async () => {
    const w = writer();
    const gone = sshAlias('80:00:00:00:01:00:00:09');
    await w.upsert({ alias: ALIAS, port: 33001, user: 'pi' }, OWN);
    await w.upsert({ alias: gone, port: 33009, user: 'pi' }, OWN);
    await w.updatePort(ALIAS, 35000);
    assert.equal(hostPort(fs.readFileSync(include, 'utf8'), ALIAS), 35000);
    await w.retainListed(OWN, [ALIAS]);
    assert.deepEqual(readIncludeFile(fs.readFileSync(include, 'utf8')).map((h) => h.alias), [ALIAS]);
    await w.clear();
    assert.deepEqual(readIncludeFile(fs.readFileSync(include, 'utf8')), []);
  });

  it('a refresh of one account prunes only that account\'s gone hosts; the other account\'s stay until sign-out', async () => {
    const w = writer();
    const mineGone = sshAlias('80:00:00:00:01:00:00:09');
    const orgHost = sshAlias('80:00:00:00:01:00:00:0A');
    await w.upsert({ alias: ALIAS, port: 33001, user: 'pi' }, OWN);
    await w.upsert({ alias: mineGone, port: 33009, user: 'pi' }, OWN);
    await writer().upsert({ alias: orgHost, port: 33010, user: 'pi' }, 'org-7');
    const aliases = () => readIncludeFile(fs.readFileSync(include, 'utf8')).map((h) => h.alias).sort();

    // The view now lists the organisation, whose services do not include the user's own hosts.
    await w.retainListed('org-7', [orgHost]);
    assert.deepEqual(aliases(), [ALIAS, mineGone, orgHost].sort());
    // Back on the user's own devices, where one service is gone.
    await w.retainListed(OWN, [ALIAS]);
    assert.deepEqual(aliases(), [ALIAS, orgHost].sort());
    assert.deepEqual(Object.keys(JSON.parse(fs.readFileSync(`${include}.accounts.json`, 'utf8'))).sort(), [ALIAS, orgHost].sort());
    assert.equal(mode(`${include}.accounts.json`), 0o600);
    await w.clear();
    assert.deepEqual(aliases(), []);
  });

  it('a host with no account record (or a garbled record) belongs to whichever account is listed', async () => {
    await writer().upsert({ alias: ALIAS, port: 33001, user: 'pi' }, 'org-7');
    fs.writeFileSync(`${include}.accounts.json`, '{"remoteit-x":"own", "__proto__": 1, ');
    await writer().retainListed(OWN, []);
    assert.deepEqual(readIncludeFile(fs.readFileSync(include, 'utf8')), []);
  });

  it('does not create an include file just to remove or re-port nothing', async () => {
    await writer().retainListed(OWN, []);
    await writer().updatePort(ALIAS, 1);
    await writer().clear();
    assert.ok(!fs.existsSync(include));
    assert.ok(!fs.existsSync(`${include}.accounts.json`));
  });

  it('drops a block planted in the include file at its next write', async () => {
    fs.mkdirSync(path.dirname(include), { recursive: true });
    fs.writeFileSync(include, 'Host *\n  ProxyCommand touch /tmp/pwned\n');
    await writer().upsert({ alias: ALIAS, port: 33001 }, OWN);
    assert.doesNotMatch(fs.readFileSync(include, 'utf8'), /ProxyCommand|Host \*/);
  });
});
