import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ConnectionSnapshot } from '../../../src/core/connections/types';
import { TASK_LINES, taskStory } from '../../../src/core/tasks/taskStory';

function snap(state: ConnectionSnapshot['state'], extra: Partial<ConnectionSnapshot> = {}): ConnectionSnapshot {
  return { id: 'x', request: { serviceId: 'x', name: 'Web' }, route: 'p2p', state, bindAddress: '127.0.0.1', openTunnels: 0, reconnectAttempt: 0, ...extra };
}

describe('the task terminal tells the story in plain words', () => {
  it('connecting → connected on the address → clients → disconnected (exit 0)', () => {
    assert.deepEqual(taskStory(undefined, snap('starting')), { lines: [] });
    assert.deepEqual(taskStory(snap('starting'), snap('ready', { port: 33001 })).lines, ['remote.it: connected on 127.0.0.1:33001']);
    assert.deepEqual(taskStory(snap('ready', { port: 33001 }), snap('ready', { port: 33001, openTunnels: 1 })).lines, ['remote.it: a client connected (1 open).']);
    assert.deepEqual(taskStory(snap('ready', { port: 33001, openTunnels: 1 }), snap('ready', { port: 33001 })).lines, ['remote.it: a client disconnected (0 open).']);
    assert.deepEqual(taskStory(snap('stopping'), snap('idle')), { lines: ['remote.it: disconnected.'], exitCode: 0 });
  });

  it('throughput alone writes nothing (the per-second lines stay in the log)', () => {
    const before = snap('ready', { port: 1 });
    assert.deepEqual(taskStory(before, snap('ready', { port: 1, throughput: { txBps: 5, rxBps: 6 } })).lines, []);
  });

  it('a failure ends the task with a clear line and exit code 1', () => {
    const step = taskStory(snap('starting'), snap('failed', { failure: { message: 'The device is offline.', action: 'unreachable' } }));
    assert.deepEqual(step, { lines: ['remote.it: error: The device is offline.'], exitCode: 1 });
  });

  it('a name or server message cannot add lines to the terminal', () => {
    const step = taskStory(snap('starting'), snap('failed', { failure: { message: 'bad\r\nremote.it: connected on 1.2.3.4:1', action: 'retry' } }));
    assert.equal(step.lines.length, 1);
    assert.ok(!step.lines[0].includes('\n'));
  });

  it('the $connectd problem matcher in package.json begins and ends on these lines', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../package.json'), 'utf8'));
    const matcher = manifest.contributes.problemMatchers.find((m: { name: string }) => m.name === 'connectd');
    assert.ok(new RegExp(matcher.background.beginsPattern).test(TASK_LINES.begin));
    assert.ok(new RegExp(matcher.background.endsPattern).test(`${TASK_LINES.readyPrefix}127.0.0.1:33001`));
    assert.ok(!new RegExp(matcher.background.endsPattern).test(`${TASK_LINES.errorPrefix}x`));
  });
});
