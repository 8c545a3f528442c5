import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeFileAtomic, type AtomicFs } from '../../../src/core/launch/atomicFile';

const OLD = '# my ssh config\nHost work\n  HostName work.example.com\n'.repeat(200);

describe('atomic replacement of a user file', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rit-atomic-'));
    file = path.join(dir, 'config');
    fs.writeFileSync(file, OLD, { mode: 0o644 });
    fs.chmodSync(file, 0o644);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const mode = (f: string) => fs.statSync(f).mode & 0o777;
  const leftovers = () => fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'));

  it('replaces the content and keeps the file\'s mode; a new file is private whatever the umask', async () => {
    await writeFileAtomic(file, 'new\n', 0o600);
    assert.equal(fs.readFileSync(file, 'utf8'), 'new\n');
    assert.equal(mode(file), 0o644);
    const fresh = path.join(dir, 'fresh');
    const umask = process.umask(0o000);
    try {
      await writeFileAtomic(fresh, 'x', 0o600);
    } finally {
      process.umask(umask);
    }
    assert.equal(mode(fresh), 0o600);
    assert.deepEqual(leftovers(), []);
  });

  it('a crash between writing and renaming leaves the old file whole', () => {
    const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'crashingWrite.ts'), file, 'NEW CONTENT'], { encoding: 'utf8' });
    assert.equal(child.signal, 'SIGKILL', `the writer died mid-write (${child.stderr})`);
    assert.equal(fs.readFileSync(file, 'utf8'), OLD, 'byte for byte the old file');
    assert.equal(mode(file), 0o644);
    const [temp] = leftovers();
    assert.equal(fs.readFileSync(path.join(dir, temp), 'utf8'), 'NEW CONTENT', 'the new text was complete in the temp file only');
  });

  it('the next write removes a temp file a crash left behind a while ago, and only that', async () => {
    const abandoned = path.join(dir, '.config.0123456789ab.tmp');
    const fresh = path.join(dir, '.config.ba9876543210.tmp');
    const unrelated = path.join(dir, '.config.backup.tmp');
    for (const f of [abandoned, fresh, unrelated]) fs.writeFileSync(f, 'x');
    const past = new Date(Date.now() - 5 * 60_000);
    for (const f of [abandoned, unrelated]) fs.utimesSync(f, past, past);
    await writeFileAtomic(file, 'new\n', 0o600);
    assert.deepEqual(fs.readdirSync(dir).sort(), ['.config.ba9876543210.tmp', '.config.backup.tmp', 'config']);
  });

  it('a failed rename or a full disk leaves the old file whole and no temp file behind', async () => {
    const failing: [string, AtomicFs][] = [
      ['rename', { ...fs.promises, rename: async () => Promise.reject(Object.assign(new Error('EXDEV'), { code: 'EXDEV' })) }],
      ['write', { ...fs.promises, open: (async (p: string, flags: string, m?: number) => {
        const handle = await fs.promises.open(p, flags, m);
        if (flags === 'wx') handle.writeFile = async () => Promise.reject(Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' }));
        return handle;
      }) as AtomicFs['open'] }],
    ];
    for (const [what, broken] of failing) {
      await assert.rejects(writeFileAtomic(file, 'new', 0o600, broken), /EXDEV|ENOSPC/, what);
      assert.equal(fs.readFileSync(file, 'utf8'), OLD, what);
      assert.deepEqual(leftovers(), [], what);
    }
  });

  it('writes through a symlink: the link stays, its target gets the text and keeps its mode', async () => {
    const dotfiles = path.join(dir, 'dotfiles');
    fs.mkdirSync(dotfiles);
    const real = path.join(dotfiles, 'ssh_config');
    fs.renameSync(file, real);
    fs.symlinkSync(path.relative(dir, real), file);
    await writeFileAtomic(file, 'through the link\n', 0o600);
    assert.ok(fs.lstatSync(file).isSymbolicLink(), 'still a link');
    assert.equal(fs.readFileSync(real, 'utf8'), 'through the link\n');
    assert.equal(mode(real), 0o644);
  });

  it('creates the target of a dangling symlink', async () => {
    const link = path.join(dir, 'link');
    fs.symlinkSync(path.join(dir, 'target'), link);
    await writeFileAtomic(link, 'created\n', 0o600);
    assert.ok(fs.lstatSync(link).isSymbolicLink());
    assert.equal(fs.readFileSync(path.join(dir, 'target'), 'utf8'), 'created\n');
  });
});
