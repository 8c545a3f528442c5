import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { connectdEnvironment } from '../../../src/core/connectd/childEnv';
import { ChildProcessSpawner, type ProcessOutput } from '../../../src/core/connectd/spawner';

const node = process.execPath;

function collect(): { output: ProcessOutput; stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  return { output: { stdout: (c) => (out += c), stderr: (c) => (err += c) }, stdout: () => out, stderr: () => err };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('ChildProcessSpawner (real processes)', () => {
  const spawner = new ChildProcessSpawner();

  it('drains stdout and stderr completely before reporting the exit', async () => {
    const c = collect();
    const child = await spawner.spawn(node, ['-e', "process.stdout.write('x'.repeat(1 << 20)); process.stderr.write('oops\\n'); process.exitCode = 17"], c.output);
    assert.ok(child.pid > 0);
    assert.deepEqual(await child.exited, { code: 17, signal: null });
    assert.equal(c.stdout().length, 1 << 20);
    assert.equal(c.stderr(), 'oops\n');
  });

  it('runs each child in a fresh, private, empty working directory, removed after the exit', async function () {
    if (process.platform === 'win32') this.skip();
    const c = collect();
    const script = "const fs = require('node:fs'); console.log(JSON.stringify({ cwd: process.cwd(), entries: fs.readdirSync('.'), mode: fs.statSync('.').mode & 0o777 }))";
    const child = await spawner.spawn(node, ['-e', script], c.output);
    await child.exited;
    const seen = JSON.parse(c.stdout()) as { cwd: string; entries: string[]; mode: number };
    assert.notEqual(seen.cwd, process.cwd());
    assert.deepEqual(seen.entries, [], 'nothing for connectd to pick up (no ./connectd.conf)');
    assert.equal(seen.mode, 0o700);
    assert.equal(existsSync(seen.cwd), false, 'removed once the process ended');
  });

  it('gives the child a minimal environment: no tokens of the extension host, but PATH, HOME and the locale', async () => {
    const c = collect();
    process.env.REMOTEIT_TEST_HOST_TOKEN = 'ghp_secret_of_another_extension';
    process.env.LC_ALL = 'C.UTF-8';
    try {
      const child = await spawner.spawn(node, ['-e', 'console.log(JSON.stringify(process.env))'], c.output);
      await child.exited;
    } finally {
      delete process.env.REMOTEIT_TEST_HOST_TOKEN;
      delete process.env.LC_ALL;
    }
    const env = JSON.parse(c.stdout()) as Record<string, string>;
    assert.equal(env.REMOTEIT_TEST_HOST_TOKEN, undefined);
    assert.equal(env.PATH, process.env.PATH);
    assert.equal(env.HOME, process.env.HOME);
    assert.equal(env.LC_ALL, 'C.UTF-8');
  });

  it('keeps only the names Windows needs there, whatever their case', () => {
    const env = connectdEnvironment({ Path: 'C:\\Windows', SystemRoot: 'C:\\Windows', GITHUB_TOKEN: 'x', VSCODE_IPC_HOOK: 'y', TEMP: 't' }, 'win32');
    assert.deepEqual(env, { Path: 'C:\\Windows', SystemRoot: 'C:\\Windows', TEMP: 't' });
  });

  it('rejects when the program cannot be started', async () => {
    await assert.rejects(spawner.spawn('/nonexistent/connectd', [], collect().output), /ENOENT/);
  });

  it('SIGTERM reaches the whole process group, SIGKILL ends a process that ignores SIGTERM', async function () {
    if (process.platform === 'win32') this.skip();
    const c = collect();
    // The child starts a grandchild, prints its pid, and ignores SIGTERM itself.
    const script = `
      const { spawn } = require('node:child_process');
      const g = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
      process.on('SIGTERM', () => {});
      console.log(g.pid);
      setInterval(() => {}, 1000);`;
    const child = await spawner.spawn(node, ['-e', script], c.output);
    while (!c.stdout().includes('\n')) await new Promise((r) => setTimeout(r, 10));
    const grandchild = Number(c.stdout().trim());
    child.kill('SIGTERM');
    for (let i = 0; i < 500 && alive(grandchild); i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(alive(grandchild), false, 'the grandchild got the SIGTERM too');
    child.kill('SIGKILL');
    assert.deepEqual(await child.exited, { code: null, signal: 'SIGKILL' });
    assert.equal(alive(child.pid), false, 'reaped: no zombie left');
    child.kill('SIGTERM');
  });
});
