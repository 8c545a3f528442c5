import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { fixture } from '../integration/support';
import { Machine } from './machine';
import { plan, update } from './results';
import { soak } from './soak';

describe('soak', () => {
  it('connect → ready → traffic → disconnect, many times, P2P and proxy', async function () {
    this.timeout(20 * 60_000);
    const p = plan();
    const figures = await soak(p, new Machine(p, path.join(fixture().outputDir, 'faults-wrappers')));
    update(p, (r) => (r.soak = figures));
    assert.deepEqual(figures.failedCycles, []);
  });
});
