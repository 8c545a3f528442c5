import * as assert from 'node:assert/strict';
import { chainedTimers, systemClock } from '../../src/core/clock';

describe('the system clock', () => {
  it('waits the whole time for a delay longer than one timer holds (chained), and can be cancelled midway', async () => {
    const waits: number[] = [];
    const timers = chainedTimers({ setTimeout: (cb, ms) => (waits.push(ms), setTimeout(cb, ms)), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) }, 20);
    const started = Date.now();
    await new Promise<void>((resolve) => timers.setTimeout(resolve, 50));
    assert.ok(Date.now() - started >= 45, `fired after ${Date.now() - started} ms`);
    assert.deepEqual(waits, [20, 20, 10]);

    let fired = false;
    const handle = timers.setTimeout(() => (fired = true), 50);
    await new Promise((r) => setTimeout(r, 30));
    timers.clearTimeout(handle);
    await new Promise((r) => setTimeout(r, 40));
    assert.equal(fired, false);
  });

  it('does not fire a 30-day timer at once', async () => {
    let fired = false;
    const handle = systemClock.setTimeout(() => (fired = true), 30 * 24 * 3600_000);
    await new Promise((r) => setTimeout(r, 20));
    systemClock.clearTimeout(handle);
    assert.equal(fired, false);
  });
});
