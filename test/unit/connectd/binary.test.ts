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

    it('then for the platform release names (§1.4)', async () => {
      const file = await script('bin/connectd.x86_64-ubuntu16.04', 'exit 0');
      assert.equal(await findConnectd({ ...none, pathEnv: path.join(dir, 'bin'), platform: 'linux', arch: 'x64' }), file);
      const osx = await script('opt/connectd.x86_64-osx', 'exit 0');
      assert.equal(await findConnectd({ pathEnv: '', installDirs: [path.join(dir, 'opt')], platform: 'darwin', arch: 'arm64' }), osx);
    });

    it('lists the names per platform, plain name first', () => {
      assert.deepEqual(connectdNames('linux', 'arm64'), ['connectd', 'connectd.aarm64-ubuntu16.04']);
      assert.deepEqual(connectdNames('win32', 'x64'), ['connectd.exe']);
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
    it('reads the version from the banner of `connectd` without arguments (which exits non-zero)', async () => {
      const file = await script(
        'connectd',
        [
          "echo 'Connectd built Apr 20 2019 at 16:38:16 Now Starting Up'",
          "echo '   Version 4.6 - (c)2019 remot3.it, Inc. All Rights Reserved'",
          "echo 'usage: connectd [-h] [-d][pid file] [-f config_file]'",
          'exit 1',
        ].join('\n'),
      );
      assert.equal(await readConnectdVersion(file, new ChildProcessSpawner()), '4.6');
    });

    it('is undefined when no banner came', async () => {
      const file = await script('quiet', 'exit 1');
      assert.equal(await readConnectdVersion(file, new ChildProcessSpawner()), undefined);
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
