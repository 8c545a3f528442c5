import * as assert from 'node:assert/strict';
import { DrawnLiveCounts } from '../../../src/core/tree/liveCounts';

describe('device rows redrawn for a connection change', () => {
  it('a throughput update of a live connection leaves its device row (and the sibling rows under it) alone', () => {
    const counts = new DrawnLiveCounts();
    counts.record('pi', 1);
    assert.equal(counts.differs('pi', 1), false);
  });

  it('a connection going live or ending redraws the row, which then counts it', () => {
    const counts = new DrawnLiveCounts();
    counts.record('pi', 0);
    assert.equal(counts.differs('pi', 1), true);
    counts.record('pi', 1);
    assert.equal(counts.differs('pi', 0), true);
  });

  it('a row not drawn yet, or another device, is redrawn', () => {
    const counts = new DrawnLiveCounts();
    assert.equal(counts.differs('pi', 0), true);
    counts.record('pi', 1);
    assert.equal(counts.differs('lab', 1), true);
  });
});
