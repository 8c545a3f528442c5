import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { sshTerminalCommand } from '../../../src/core/launch/sshTerminal';

/** Runs the POSIX terminal command with a stand-in `ssh` on PATH that prints its argv and exits with `code`. */
function run(args: string[], code: number, input = '\n') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sshterm-'));
  fs.writeFileSync(path.join(dir, 'ssh'), `#!/bin/sh\nfor a in "$@"; do printf '<%s>' "$a"; done\necho\necho 'Permission denied (publickey).' >&2\nexit ${code}\n`, { mode: 0o755 });
  const t = sshTerminalCommand('linux', args)!;
  const result = spawnSync(t.shellPath, t.shellArgs, { input, env: { PATH: `${dir}:/usr/bin:/bin` }, encoding: 'utf8' });
  fs.rmSync(dir, { recursive: true, force: true });
  return result;
}

describe('the ssh terminal fallback', () => {
  it('when ssh fails, the terminal says so and waits for Enter, keeping the error readable; the exit code is kept', () => {
    const r = run(['-F', '/tmp/config', 'remoteit-80-00-00-00-01-00-0a-c2'], 255);
    assert.match(r.stderr, /Permission denied/);
    assert.match(r.stdout, /ssh ended with exit code 255\. Press Enter to close this terminal\./);
    assert.equal(r.status, 255);
  });

  it('when ssh succeeds, the terminal closes with it', () => {
    const r = run(['host'], 0, '');
    assert.doesNotMatch(r.stdout, /Press Enter/);
    assert.equal(r.status, 0);
  });

  it('hostile: arguments reach ssh as they are, never interpreted by the shell', () => {
    const evil = ['-F', '/tmp/a b/$(touch /tmp/pwned)`id`;x', 'host"; rm -rf ~; "', '$HOME'];
    const r = run(evil, 0, '');
    assert.equal(r.stdout.trim(), evil.map((a) => `<${a}>`).join(''));
  });

  it('Windows: cmd.exe /k keeps the terminal open; an argument cmd.exe would interpret is refused', () => {
    assert.deepEqual(sshTerminalCommand('win32', ['-F', 'C:\\Users\\A B\\config', 'remoteit-x']), {
      shellPath: 'cmd.exe',
      shellArgs: ['/d', '/k', 'ssh', '-F', '"C:\\Users\\A B\\config"', 'remoteit-x'],
    });
    for (const bad of ['C:\\a&calc', 'x|y', '%PATH%', 'a"b', 'a^b', 'a\nb']) assert.equal(sshTerminalCommand('win32', ['-F', bad, 'h']), undefined, bad);
  });
});
