import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LockTimeoutError, withFileLock } from '../../src/core/fileLock';

describe('lock file between windows', () => {
  let dir: string;
  let lock: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rit-lock-'));
    lock = path.join(dir, 'config.lock');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lets one holder in at a time and removes the lock afterwards, also when the work fails', async () => {
    let inside = 0;
    let most = 0;
    const work = async () => {
      most = Math.max(most, ++inside);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inside--;
    };
    await Promise.all(Array.from({ length: 8 }, () => withFileLock(lock, work)));
    assert.equal(most, 1);
    await assert.rejects(withFileLock(lock, async () => Promise.reject(new Error('boom'))), /boom/);
    assert.ok(!fs.existsSync(lock));
  });

  it('takes over the lock of a window that died holding it', async () => {
    fs.writeFileSync(lock, '999999 deadbeef');
    const ran = await withFileLock(lock, async () => 'ran', { isAlive: () => false, timeoutMs: 1000 });
    assert.equal(ran, 'ran');
  });

  it('takes over a lock older than any edit takes, even if its pid looks alive', async () => {
    fs.writeFileSync(lock, `${process.pid} old`);
    const past = new Date(Date.now() - 60_000);
    fs.utimesSync(lock, past, past);
    assert.equal(await withFileLock(lock, async () => 'ran', { timeoutMs: 1000 }), 'ran');
  });

  it('waits for a live holder and gives up with a clear error after the timeout', async () => {
    fs.writeFileSync(lock, `${process.pid} other`);
    await assert.rejects(withFileLock(lock, async () => 'never', { timeoutMs: 150 }), LockTimeoutError);
    assert.equal(fs.readFileSync(lock, 'utf8'), `${process.pid} other`, 'someone else\'s lock is left alone');
  });
});
