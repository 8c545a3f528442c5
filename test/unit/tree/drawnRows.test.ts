import * as assert from 'node:assert/strict';
import { DrawnRows } from '../../../src/core/tree/drawnRows';

describe('rows redrawn for a connection change', () => {
  it('a change the row does not show (throughput, uptime) leaves it alone, and the rows under it', () => {
    const rows = new DrawnRows();
    rows.record('device:pi', '1 connected');
    assert.equal(rows.differs('device:pi', '1 connected'), false);
  });

  it('a change the row shows (a connection going live or ending, a new port) redraws it, which then records it', () => {
    const rows = new DrawnRows();
    rows.record('service:ssh', 'connecting');
    assert.equal(rows.differs('service:ssh', '127.0.0.1:33000'), true);
    rows.record('service:ssh', '127.0.0.1:33000');
    assert.equal(rows.differs('service:ssh', 'online'), true);
  });

  it('a row not drawn yet, or another row, is redrawn', () => {
    const rows = new DrawnRows();
    assert.equal(rows.differs('device:pi', '0'), true);
    rows.record('device:pi', '1');
    assert.equal(rows.differs('device:lab', '1'), true);
  });
});
