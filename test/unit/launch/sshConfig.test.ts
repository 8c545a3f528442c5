import * as assert from 'node:assert/strict';
import {
  serviceIdOfAuthority,
  ensureInclude,
  hostPort,
  removeHostBlock,
  renderHostBlock,
  sshAlias,
  updateHostPort,
  upsertHostBlock,
} from '../../../src/core/launch/sshConfig';
import { SshConfigWriter, type SshConfigFs } from '../../../src/core/launch/sshConfigWriter';

const ALIAS = sshAlias('80:00:00:00:01:00:0A:C2');
const INCLUDE = '/home/u/.config/Code/User/globalStorage/remoteit/ssh/config';

describe('managed ssh Host blocks', () => {
  it('names a service by a lower-case alias with dashes for colons', () => {
    assert.equal(ALIAS, 'remoteit-80-00-00-00-01-00-0a-c2');
  });

  it('renders the block Remote-SSH needs, the host key pinned to the service', () => {
    assert.deepEqual(renderHostBlock({ alias: ALIAS, port: 33001, user: 'pi' }), [
      `Host ${ALIAS}`,
      '  HostName 127.0.0.1',
      '  Port 33001',
      '  User pi',
      `  HostKeyAlias ${ALIAS}`,
      '  CheckHostIP no',
      '  ServerAliveInterval 15',
    ]);
    assert.ok(!renderHostBlock({ alias: ALIAS, port: 1 }).some((l) => l.includes('User')));
  });

  it('adds, replaces, re-ports and removes blocks without touching the others', () => {
    const other = sshAlias('80:00:00:00:01:00:00:01');
    let file = upsertHostBlock('', { alias: ALIAS, port: 33001, user: 'pi' });
    file = upsertHostBlock(file, { alias: other, port: 33002, user: 'root' });
    assert.equal(hostPort(file, ALIAS), 33001);
    assert.match(file, /^# remote\.it Connect for VS Code manages this file/);

    const replaced = upsertHostBlock(file, { alias: ALIAS, port: 33001, user: 'admin' });
    assert.equal(replaced.match(new RegExp(`^Host ${ALIAS}$`, 'gm'))?.length, 1);
    assert.match(replaced, /User admin/);
    assert.equal(upsertHostBlock(replaced, { alias: ALIAS, port: 33001, user: 'admin' }), replaced, 'idempotent');

    const moved = updateHostPort(replaced, ALIAS, 34000);
    assert.equal(hostPort(moved, ALIAS), 34000);
    assert.equal(hostPort(moved, other), 33002);
    assert.equal(updateHostPort(moved, 'remoteit-unknown', 1), moved);

    const removed = removeHostBlock(moved, ALIAS);
    assert.equal(hostPort(removed, ALIAS), undefined);
    assert.equal(hostPort(removed, other), 33002);
    assert.equal(removeHostBlock(removed, ALIAS), removed);
  });
});

describe('Include at the top of the user\'s ssh config', () => {
  it('creates the content of a missing config', () => {
    const created = ensureInclude('', INCLUDE);
    assert.equal(created.split('\n')[1], `Include ${INCLUDE}`);
    assert.equal(ensureInclude(created, INCLUDE), created, 'idempotent');
  });

  it('goes before the user\'s first Host, keeping every user line as it was', () => {
    const user = 'Host *\n  ServerAliveInterval 60\n\nHost work\n  HostName work.example.com\n';
    const result = ensureInclude(user, INCLUDE);
    const lines = result.split('\n');
    assert.ok(lines.indexOf(`Include ${INCLUDE}`) < lines.indexOf('Host *'));
    assert.ok(result.endsWith(user));
    assert.equal(ensureInclude(result, INCLUDE), result);
  });

  it('accepts an Include the user already has before any Host, quoted or among other files', () => {
    const user = `# mine\nInclude ~/.ssh/other "${INCLUDE}"\n\nHost a\n  Port 1\n`;
    assert.equal(ensureInclude(user, INCLUDE), user);
  });

  it('adds its own at the top when the existing Include sits inside a Host block, where it would not apply', () => {
    const user = `Host a\n  Port 1\nInclude ${INCLUDE}\n`;
    const result = ensureInclude(user, INCLUDE);
    assert.ok(result.startsWith('# remote.it Connect'));
    assert.ok(result.endsWith(user));
  });

  it('quotes a path with spaces, uses forward slashes, and keeps CRLF files CRLF', () => {
    const result = ensureInclude('Host a\r\n  Port 1\r\n', 'C:\\Users\\Jane Doe\\AppData\\remoteit\\ssh\\config');
    assert.match(result, /^# .*\r\nInclude "C:\/Users\/Jane Doe\/AppData\/remoteit\/ssh\/config"\r\n\r\nHost a\r\n/);
    assert.equal(ensureInclude(result, 'C:\\Users\\Jane Doe\\AppData\\remoteit\\ssh\\config'), result);
  });
});

/** An in-memory file system recording what was written with which mode. */
function memoryFs(files: Record<string, string> = {}) {
  const writes: { file: string; mode: number }[] = [];
  const dirs: { dir: string; mode: number }[] = [];
  const fs: SshConfigFs = {
    readFile: async (file) => {
      if (!(file in files)) throw Object.assign(new Error(`ENOENT ${file}`), { code: 'ENOENT' });
      return files[file];
    },
    writeFile: async (file, data, { mode }) => {
      await new Promise((resolve) => setImmediate(resolve));
      files[file] = data;
      writes.push({ file, mode });
    },
    mkdir: async (dir, { mode }) => {
      dirs.push({ dir, mode });
    },
  };
  return { fs, files, writes, dirs };
}

describe('SshConfigWriter', () => {
  const USER_CONFIG = '/home/u/.ssh/config';

  it('creates both files privately when missing, and writes nothing the second time', async () => {
    const mem = memoryFs();
    const writer = new SshConfigWriter(INCLUDE, USER_CONFIG, mem.fs);
    await writer.upsert({ alias: ALIAS, port: 33001, user: 'pi' });
    assert.equal(hostPort(mem.files[INCLUDE], ALIAS), 33001);
    assert.match(mem.files[USER_CONFIG], new RegExp(`^Include ${INCLUDE}$`, 'm'));
    assert.deepEqual(mem.writes, [
      { file: INCLUDE, mode: 0o600 },
      { file: USER_CONFIG, mode: 0o600 },
    ]);
    assert.ok(mem.dirs.every((d) => d.mode === 0o700));

    await writer.upsert({ alias: ALIAS, port: 33001, user: 'pi' });
    assert.equal(mem.writes.length, 2);
  });

  it('leaves the user\'s config alone once the Include is in place, and follows port changes', async () => {
    const mine = `Include ${INCLUDE}\nHost box\n  User me\n`;
    const mem = memoryFs({ [USER_CONFIG]: mine });
    const writer = new SshConfigWriter(INCLUDE, USER_CONFIG, mem.fs);
    await writer.upsert({ alias: ALIAS, port: 33001, user: 'pi' });
    await writer.updatePort(ALIAS, 35000);
    assert.equal(mem.files[USER_CONFIG], mine);
    assert.equal(hostPort(mem.files[INCLUDE], ALIAS), 35000);
    await writer.remove(ALIAS);
    assert.equal(hostPort(mem.files[INCLUDE], ALIAS), undefined);
  });

  it('does not create an include file just to remove or re-port nothing', async () => {
    const mem = memoryFs();
    const writer = new SshConfigWriter(INCLUDE, USER_CONFIG, mem.fs);
    await writer.remove(ALIAS);
    await writer.updatePort(ALIAS, 1);
    assert.deepEqual(mem.writes, []);
  });

  it('keeps every block when services are opened at the same time', async () => {
    const mem = memoryFs();
    const writer = new SshConfigWriter(INCLUDE, USER_CONFIG, mem.fs);
    const aliases = ['80:00:00:00:01:00:00:01', '80:00:00:00:01:00:00:02', '80:00:00:00:01:00:00:03'].map(sshAlias);
    await Promise.all(aliases.map((alias, i) => writer.upsert({ alias, port: 33001 + i, user: 'pi' })));
    assert.deepEqual(aliases.map((a) => hostPort(mem.files[INCLUDE], a)), [33001, 33002, 33003]);
  });
});

describe('Remote-SSH authorities of managed hosts', () => {
  it('finds the service of a window opened on a managed alias, and nothing for other hosts', () => {
    const id = '80:00:00:00:01:00:0A:C2';
    assert.equal(serviceIdOfAuthority(`ssh-remote+${sshAlias(id)}`), id);
    assert.equal(serviceIdOfAuthority('ssh-remote+myserver'), undefined);
    assert.equal(serviceIdOfAuthority('ssh-remote+remoteit-80-00'), undefined);
    assert.equal(serviceIdOfAuthority('wsl+Ubuntu'), undefined);
  });
});
