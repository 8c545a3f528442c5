import * as assert from 'node:assert/strict';
import { Coalescer } from '../../../src/core/presentation/coalescer';
import { FakeClock } from '../connections/fakes';

describe('coalesced redraws', () => {
  it('draws the first change at once and a burst after it together, at most twice a second', async () => {
    const clock = new FakeClock();
    const draws: string[][] = [];
    const c = new Coalescer<string>((keys) => draws.push([...keys]), 500, clock);
    c.add('a');
    assert.deepEqual(draws, [['a']]);
    for (let i = 0; i < 200; i++) c.add(i % 2 ? 'a' : 'b'); // 200 lines in one second from two connections
    assert.equal(draws.length, 1);
    await clock.advance(500);
    assert.deepEqual(draws, [['a'], ['b', 'a']]);
    await clock.advance(10_000);
    assert.equal(draws.length, 2, 'nothing more to draw');
    assert.deepEqual(clock.pending(), [], 'no timer while nothing changes');
  });

  it('stops on dispose', async () => {
    const clock = new FakeClock();
    const draws: string[][] = [];
    const c = new Coalescer<string>((keys) => draws.push([...keys]), 500, clock);
    c.add('a');
    c.add('b');
    c.dispose();
    await clock.advance(1000);
    assert.deepEqual(draws, [['a']]);
  });
});
