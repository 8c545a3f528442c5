import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { connectdNames, ConnectdNotFoundError, findConnectd, readConnectdVersion } from '../../../src/core/connectd/binary';
import { runDiagnostics } from '../../../src/core/connectd/diagnostics';
import { ChildProcessSpawner } from '../../../src/core/connectd/spawner';
import { FakeClock, FakeSpawner } from '../connections/fakes';

describe('finding and asking connectd', function () {
  if (process.platform === 'win32') return;
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rit-bin-'));
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  async function script(name: string, body: string, mode = 0o755): Promise<string> {
    const file = path.join(dir, name);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, `#!/bin/sh\n${body}\n`, { mode });
    await fs.chmod(file, mode);
    return file;
  }

  const none = { pathEnv: '', installDirs: [] as string[] };

  describe('findConnectd', () => {
    it('uses remoteit.connectd.path first', async () => {
      const file = await script('custom/my-connectd', 'exit 0');
      await script('bin/connectd', 'exit 0');
      assert.equal(await findConnectd({ setting: file, pathEnv: path.join(dir, 'bin') }), file);
    });

    it('says what to do when the setting points at nothing, or at a file that is not executable', async () => {
      await assert.rejects(findConnectd({ setting: path.join(dir, 'missing') }), (err: Error) => {
        assert.ok(err instanceof ConnectdNotFoundError);
        assert.match(err.message, /remoteit\.connectd\.path is set to .*missing, but there is no file there/);
        return true;
      });
      const plain = await script('plain', 'exit 0', 0o644);
      await assert.rejects(findConnectd({ setting: plain }), new RegExp(`not executable\\. Make it executable: chmod \\+x ${plain}`));
    });

    it('then looks for connectd on PATH', async () => {
      const file = await script('bin/connectd', 'exit 0');
      assert.equal(await findConnectd({ ...none, pathEnv: `/nonexistent${path.delimiter}${path.join(dir, 'bin')}` }), file);
    });

    it('then for the platform release names', async () => {
      const file = await script('bin/connectd.x86_64-ubuntu16.04', 'exit 0');
      assert.equal(await findConnectd({ ...none, pathEnv: path.join(dir, 'bin'), platform: 'linux', arch: 'x64' }), file);
      const osx = await script('opt/connectd.x86_64-osx', 'exit 0');
      assert.equal(await findConnectd({ pathEnv: '', installDirs: [path.join(dir, 'opt')], platform: 'darwin', arch: 'arm64' }), osx);
    });

    it('finds the Windows release names on PATH', async () => {
      const file = await script('win/connectd.x86_64-win.exe', 'exit 0');
      assert.equal(await findConnectd({ pathEnv: path.join(dir, 'win'), installDirs: [], platform: 'win32', arch: 'x64' }), file);
    });

    it('lists the names per platform, plain name first', () => {
      assert.deepEqual(connectdNames('linux', 'arm64'), ['connectd', 'connectd.aarm64-ubuntu16.04']);
      assert.deepEqual(connectdNames('win32', 'x64'), ['connectd.exe', 'connectd.x86_64-win.exe', 'connectd.x86-win.exe']);
      assert.deepEqual(connectdNames('win32', 'ia32'), ['connectd.exe', 'connectd.x86-win.exe']);
      assert.equal(connectdNames('linux', 'x64')[1], 'connectd.x86_64-ubuntu16.04');
    });

    it('explains how to install or configure it when there is none', async () => {
      await assert.rejects(findConnectd({ ...none, platform: 'linux', arch: 'x64' }), (err: Error) => {
        assert.ok(err instanceof ConnectdNotFoundError);
        assert.match(err.message, /connectd was not found \(looked for connectd, connectd\.x86_64-ubuntu16\.04/);
        assert.match(err.message, /set remoteit\.connectd\.path/);
        return true;
      });
    });

    it('names a connectd on PATH that is not executable', async () => {
      const file = await script('bin/connectd', 'exit 0', 0o644);
      await assert.rejects(findConnectd({ ...none, pathEnv: path.join(dir, 'bin') }), new RegExp(`Found connectd, but ${file} is not executable`));
    });
  });

  describe('readConnectdVersion', () => {
    /** A connectd that behaves like the real 4.6 binary: `-h` prints banner and usage and exits 1; without
     * arguments it reads ./connectd.conf and, when there is one, runs as a daemon (here: hangs). */
    async function realisticConnectd(bannerVersion: string): Promise<string> {
      return script(
        'connectd',
        [
          "echo 'Connectd built Apr 19 2019 at 16:45:21 Now Starting Up'",
          `echo '   Version ${bannerVersion} - (c)2019 remot3.it, Inc. All Rights Reserved'`,
          "echo '   x86_64 Version'",
          'if [ "$1" = "-h" ]; then echo "usage: $0 [-h] [-d][pid file] [-f config_file]"; exit 1; fi',
          'echo "config file connectd.conf"',
          'if [ -f connectd.conf ]; then sleep 30; fi',
          "echo '+failed to read config file/blob.'",
          'exit 1',
        ].join('\n'),
      );
    }

    it('reads the version from the banner of `connectd -h` (exit status 1), and keeps the banner for the log', async () => {
      const file = await realisticConnectd('4.6');
      const result = await readConnectdVersion(file, new ChildProcessSpawner());
      assert.equal(result.version, '4.6');
      assert.equal(result.warning, undefined);
      assert.deepEqual(result.banner, ['Connectd built Apr 19 2019 at 16:45:21 Now Starting Up', '   Version 4.6 - (c)2019 remot3.it, Inc. All Rights Reserved', '   x86_64 Version']);
    });

    it('a connectd.conf in the working directory of VS Code does not change the outcome (no daemon, no hang)', async () => {
      const file = await realisticConnectd('4.6');
      const elsewhere = await fs.mkdtemp(path.join(os.tmpdir(), 'rit-cwd-'));
      await fs.writeFile(path.join(elsewhere, 'connectd.conf'), 'autoconnect 1\n');
      const previous = process.cwd();
      process.chdir(elsewhere);
      try {
        const started = Date.now();
        const result = await readConnectdVersion(file, new ChildProcessSpawner(), 5_000);
        assert.equal(result.version, '4.6');
        assert.ok(Date.now() - started < 4_000, 'answered at once, not after the time limit');
      } finally {
        process.chdir(previous);
        await fs.rm(elsewhere, { recursive: true, force: true });
      }
    });

    it('a 5.x banner: a plain warning that the extension supports the 4.x initiator, and the version anyway', async () => {
      const result = await readConnectdVersion(await realisticConnectd('5.2'), new ChildProcessSpawner());
      assert.equal(result.version, '5.2');
      assert.match(result.warning ?? '', /connectd 5\.2 is newer than the connectd 4\.x this extension supports.*trying it anyway/);
    });

    it('is undefined when no banner came', async () => {
      const file = await script('quiet', 'exit 1');
      const result = await readConnectdVersion(file, new ChildProcessSpawner());
      assert.equal(result.version, undefined);
      assert.deepEqual(result.banner, []);
    });
  });

  describe('runDiagnostics', () => {
    it('returns the `connectd -n` transcript and how it ended', async () => {
      const file = await script(
        'connectd',
        [
          'test "$1" = "-n" || exit 9',
          "echo 'Running Network Diagnostics'",
          "echo 'Checking if DNS works ... .[OK]'",
          "echo 'warning on stderr' >&2",
          "echo 'Looks compatible.'",
          'exit 0',
        ].join('\n'),
      );
      const transcript = await runDiagnostics(file, new ChildProcessSpawner());
      const lines = transcript.split('\n');
      assert.equal(lines[0], 'Running Network Diagnostics');
      assert.ok(lines.includes('Looks compatible.'));
      assert.ok(lines.includes('warning on stderr'));
      assert.equal(lines[lines.length - 1], '(connectd exited with status 0)');
    });

    it('stops a diagnostics run that hangs, after the time limit', async () => {
      const spawner = new FakeSpawner();
      const clock = new FakeClock();
      const running = runDiagnostics('/opt/connectd', spawner, 60_000, clock);
      const child = await spawner.next(1);
      assert.deepEqual(child.args, ['-n']);
      child.lines('Running Network Diagnostics');
      await clock.advance(60_000);
      const transcript = await running;
      assert.deepEqual(child.signals, ['SIGKILL']);
      assert.equal(transcript, 'Running Network Diagnostics\n(stopped: no result after 60 s)');
    });
  });
});
