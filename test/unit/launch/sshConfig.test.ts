import * as assert from 'node:assert/strict';
import {
  serviceIdOfAuthority,
  ensureInclude,
  hostPort,
  readIncludeFile,
  removeHostBlock,
  renderHostBlock,
  retainHostBlocks,
  sshAlias,
  UnsafeSshValueError,
  updateHostPort,
  upsertHostBlock,
} from '../../../src/core/launch/sshConfig';

const ALIAS = sshAlias('80:00:00:00:01:00:0A:C2');
const HOME = '/home/u';
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

describe('nothing but validated values reaches the include file', () => {
  const HOSTILE_HOST = 'proxy.example\nHost *\n  ProxyCommand touch /tmp/pwned';

  it('refuses a proxy host, user, port or service id that would add a line or a directive', () => {
    const hostile = [
      { alias: ALIAS, port: 33001, hostName: HOSTILE_HOST },
      { alias: ALIAS, port: 33001, hostName: 'proxy.example ProxyCommand=touch' },
      { alias: ALIAS, port: 33001, user: 'pi\nHost *' },
      { alias: ALIAS, port: 33001, user: '-oProxyCommand=touch' },
      { alias: ALIAS, port: Number.NaN },
      { alias: ALIAS, port: 70000 },
      { alias: 'remoteit-x\nHost *', port: 33001 },
      { alias: '*', port: 33001 },
    ];
    for (const host of hostile) {
      assert.throws(() => upsertHostBlock('', host), UnsafeSshValueError, JSON.stringify(host));
      assert.throws(() => renderHostBlock(host), UnsafeSshValueError);
    }
    assert.throws(() => sshAlias('80:00:00:00:01:00:0A:C2\nHost *'), UnsafeSshValueError);
    assert.throws(() => updateHostPort(upsertHostBlock('', { alias: ALIAS, port: 1 }), ALIAS, 0), UnsafeSshValueError);
  });

  it('drops a planted Host * block, a Match block and extra options on the next write', () => {
    const mine = upsertHostBlock('', { alias: ALIAS, port: 33001, user: 'pi' });
    const other = sshAlias('80:00:00:00:01:00:00:01');
    // [include file as found, aliases kept]: a block of ours with an extra line is not ours any more.
    const cases: [string, string[]][] = [
      [`Host *\n  ProxyCommand touch /tmp/pwned\n${mine}`, [ALIAS, other]],
      [`${mine}\nMatch exec "touch /tmp/pwned"\n  User x`, [ALIAS, other]],
      [`ProxyCommand touch /tmp/pwned\n${mine}`, [ALIAS, other]],
      [`Host ${ALIAS} other\n  HostName 127.0.0.1\n  Port 1\n  HostKeyAlias ${ALIAS}\n  CheckHostIP no\n  ServerAliveInterval 15\n`, [other]],
      [mine.replace('  CheckHostIP no', '  CheckHostIP no\n  ProxyCommand touch /tmp/pwned'), [other]],
    ];
    for (const [found, kept] of cases) {
      const written = upsertHostBlock(found, { alias: other, port: 33002 });
      assert.doesNotMatch(written, /ProxyCommand|Host \*|Match| other$/m, found);
      assert.deepEqual(readIncludeFile(written).map((h) => h.alias).sort(), kept.sort(), found);
    }
  });

  it('reads back exactly what it wrote', () => {
    const hosts = [
      { alias: ALIAS, port: 33001, user: 'pi', hostName: '127.0.0.1' },
      { alias: sshAlias('80:00:00:00:01:00:00:02'), port: 37488, hostName: 'proxy18.rt3.io' },
    ];
    const file = hosts.reduce((text, h) => upsertHostBlock(text, h), '');
    assert.deepEqual(readIncludeFile(file), hosts);
  });

  it('keeps only the services still in the account, and none on sign-out', () => {
    const gone = sshAlias('80:00:00:00:01:00:00:09');
    const file = upsertHostBlock(upsertHostBlock('', { alias: ALIAS, port: 1 }), { alias: gone, port: 2 });
    assert.deepEqual(readIncludeFile(retainHostBlocks(file, (a) => a === ALIAS)).map((h) => h.alias), [ALIAS]);
    assert.deepEqual(readIncludeFile(retainHostBlocks(file, () => false)), []);
  });
});

describe('Include at the top of the user\'s ssh config', () => {
  it('recognises the Include spelled with ~, relative to ~/.ssh, or with redundant parts: no second Include', () => {
    for (const spelling of [
      '~/.config/Code/User/globalStorage/remoteit/ssh/config',
      '../.config/Code/User/globalStorage/remoteit/ssh/config',
      '/home/u/.config/Code/User/./globalStorage/remoteit/ssh/config',
      '"~/.config/Code/User/globalStorage/remoteit/ssh/config"',
    ]) {
      const user = `Include ${spelling}\n\nHost a\n  Port 1\n`;
      assert.equal(ensureInclude(user, INCLUDE, HOME), user, spelling);
      assert.equal(ensureInclude(user.replace('Include ', 'include='), INCLUDE, HOME), user.replace('Include ', 'include='));
    }
    const elsewhere = 'Include ~/other/ssh/config\n';
    assert.match(ensureInclude(elsewhere, INCLUDE, HOME), new RegExp(`^Include ${INCLUDE}$`, 'm'));
  });

  it('recognises an Include glob that matches the file as ssh expands it; a glob that does not match gets ours added', () => {
    for (const glob of [
      '~/.config/Code/User/globalStorage/*/ssh/config',
      '~/.config/*/User/globalStorage/remote?t/ssh/*',
      '/home/u/.config/Code/User/globalStorage/[qr]emoteit/ssh/conf[!x]g',
    ]) {
      const user = `Include ${glob}\nHost a\n  Port 1\n`;
      assert.equal(ensureInclude(user, INCLUDE, HOME), user, glob);
    }
    for (const glob of [
      '~/*/Code/User/globalStorage/remoteit/ssh/config', // a wildcard never matches a leading dot
      '~/.config/Code/User/globalStorage/*/config', // one component per *
      '~/.config/Code/User/globalStorage/[!r]emoteit/ssh/config',
      '*',
    ]) {
      const user = `Include ${glob}\nHost a\n  Port 1\n`;
      assert.match(ensureInclude(user, INCLUDE, HOME), new RegExp(`^Include ${INCLUDE}$`, 'm'), glob);
    }
  });

  it('creates the content of a missing config', () => {
    const created = ensureInclude('', INCLUDE, HOME);
    assert.equal(created.split('\n')[1], `Include ${INCLUDE}`);
    assert.equal(ensureInclude(created, INCLUDE, HOME), created, 'idempotent');
  });

  it('goes before the user\'s first Host, keeping every user line as it was', () => {
    const user = 'Host *\n  ServerAliveInterval 60\n\nHost work\n  HostName work.example.com\n';
    const result = ensureInclude(user, INCLUDE, HOME);
    const lines = result.split('\n');
    assert.ok(lines.indexOf(`Include ${INCLUDE}`) < lines.indexOf('Host *'));
    assert.ok(result.endsWith(user));
    assert.equal(ensureInclude(result, INCLUDE, HOME), result);
  });

  it('accepts an Include the user already has before any Host, quoted or among other files', () => {
    const user = `# mine\nInclude ~/.ssh/other "${INCLUDE}"\n\nHost a\n  Port 1\n`;
    assert.equal(ensureInclude(user, INCLUDE, HOME), user);
  });

  it('adds its own at the top when the existing Include sits inside a Host block, where it would not apply', () => {
    const user = `Host a\n  Port 1\nInclude ${INCLUDE}\n`;
    const result = ensureInclude(user, INCLUDE, HOME);
    assert.ok(result.startsWith('# remote.it Connect'));
    assert.ok(result.endsWith(user));
  });

  it('quotes a path with spaces, uses forward slashes, and keeps CRLF files CRLF', () => {
    const result = ensureInclude('Host a\r\n  Port 1\r\n', 'C:\\Users\\Jane Doe\\AppData\\remoteit\\ssh\\config', HOME);
    assert.match(result, /^# .*\r\nInclude "C:\/Users\/Jane Doe\/AppData\/remoteit\/ssh\/config"\r\n\r\nHost a\r\n/);
    assert.equal(ensureInclude(result, 'C:\\Users\\Jane Doe\\AppData\\remoteit\\ssh\\config', HOME), result);
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
