import * as assert from 'node:assert/strict';
import { LineSplitter } from '../../../src/core/connectd/lines';

describe('LineSplitter', () => {
  it('buffers a partial line until the next chunk completes it', () => {
    const s = new LineSplitter();
    assert.deepEqual(s.push('Starting Proxy on po'), []);
    assert.deepEqual(s.push('rt 33000 on index 1.\nProxy st'), ['Starting Proxy on port 33000 on index 1.']);
    assert.deepEqual(s.push('arted.\n'), ['Proxy started.']);
  });

  it('handles \\r\\n, including a \\r and \\n split across chunks', () => {
    const s = new LineSplitter();
    assert.deepEqual(s.push('a\r\nb\r'), ['a']);
    assert.deepEqual(s.push('\nc\n'), ['b', 'c']);
  });

  it('keeps empty lines and returns the unterminated rest on flush', () => {
    const s = new LineSplitter();
    assert.deepEqual(s.push('x\n\ny'), ['x', '']);
    assert.deepEqual(s.flush(), ['y']);
    assert.deepEqual(s.flush(), []);
  });

  it('cuts a runaway line without newline so memory stays bounded', () => {
    const s = new LineSplitter();
    const lines = s.push('z'.repeat(200 * 1024));
    assert.ok(lines.length >= 3);
    assert.ok(lines.every((l) => l.length <= 64 * 1024));
  });
});
