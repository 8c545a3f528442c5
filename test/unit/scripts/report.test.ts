import * as assert from 'node:assert/strict';
import { addCounts, failedLine, ZERO } from '../../../scripts/lib/report';

describe('test run report', () => {
  it('names what failed with why, so the end of a CI log says it', () => {
    const error = '\nAssertionError: expected a toast "device is offline"\n    at step (launch.e2e.ts:120:5)';
    assert.equal(failedLine('launch: offline device', error), 'launch: offline device — AssertionError: expected a toast "device is offline"');
    assert.equal(failedLine('launch: next step (not run)'), 'launch: next step (not run)');
  });

  it('keeps the lines of the message before the stack, so an assertion says the values it compared', () => {
    const error = 'AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:\n\n33001 !== 39123\n\n    at Context.<anonymous> (e-tasks.test.ts:62:12)';
    assert.equal(
      failedLine('integration: declared port', error),
      'integration: declared port — AssertionError [ERR_ASSERTION]: Expected values to be strictly equal: 33001 !== 39123',
    );
  });

  it('cuts a very long reason to one readable line', () => {
    const line = failedLine('t', `x${'y'.repeat(5000)}`);
    assert.equal(line.length, 300);
    assert.ok(line.endsWith('…'));
  });

  it('adds the failed lines of two layers or hosts in order, and a clean run has none', () => {
    const a = { passes: 1, failures: 1, pending: 0, failed: ['a'] };
    const b = { passes: 2, failures: 1, pending: 1, failed: ['b'] };
    assert.deepEqual(addCounts(a, b), { passes: 3, failures: 2, pending: 1, failed: ['a', 'b'] });
    assert.deepEqual(addCounts(ZERO, { ...ZERO, passes: 4 }), { passes: 4, failures: 0, pending: 0 });
  });
});
