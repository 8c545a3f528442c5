// The engine fed with the real connectd 4.6's output: a fake process replays each transcript at its own pace
// (the fake clock follows its `N seconds since startup` lines), then exits as the real one did.
import * as assert from 'node:assert/strict';
import { exitCodeInfo } from '../../../src/core/connectd/exitCodes';
import { transcript, uptimeOf, type TranscriptName } from '../../fixtures/connectd-4.6/transcripts';
import { settle, type FakeProcess } from './fakes';
import { Harness, HTTP } from './harness';

const ID = HTTP.serviceId;

describe('the engine over the real connectd 4.6 transcripts', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.create();
  });
  afterEach(() => h.dispose());

  /** Starts a connection and replays the transcript on its process; stops early when the engine ends it. */
  async function replay(name: TranscriptName, lines?: string[]): Promise<FakeProcess> {
    const t = transcript(name);
    await h.manager.start(HTTP);
    const child = await h.spawner.next(1);
    const spawnedAt = h.clock.now();
    for (const line of lines ?? t.lines) {
      const uptime = uptimeOf(line);
      if (uptime !== undefined && uptime > 0) {
        const due = spawnedAt + uptime * 1000 - h.clock.now();
        if (due > 0) await h.clock.advance(due);
      }
      if (!child.running) return child;
      child.lines(line);
      await settle(1);
    }
    child.exit(t.exit.code, t.exit.signal);
    return child;
  }

  it('F1 (-f, servers silent, SIGTERM from outside at 38 s): exit 003 is a drop, so it reconnects', async () => {
    await replay('F1');
    const s = await h.waitForState(ID, 'reconnecting');
    assert.equal(s.failure?.code, 3);
    assert.equal(s.failure?.message, exitCodeInfo(3)!.userMessage);
  });

  it('F2 (-f, an uptime line after the exit line): the same single reconnect', async () => {
    await replay('F2');
    const s = await h.waitForState(ID, 'reconnecting');
    assert.equal(s.reconnectAttempt, 1);
    assert.equal(s.failure?.code, 3);
  });

  it('F1 with its `!!exit [003]` line printed twice: still one reconnect', async () => {
    const lines = transcript('F1').lines;
    const exit = lines.findIndex((l) => l.startsWith('!!exit'));
    await replay('F1', [...lines.slice(0, exit + 1), lines[exit], ...lines.slice(exit + 1)]);
    const s = await h.waitForState(ID, 'reconnecting');
    assert.equal(s.reconnectAttempt, 1);
  });

  it('Y (-p, remote.it never answers): the start timeout (45 s) ends it first as "cannot reach remote.it"', async () => {
    const child = await replay('Y');
    const s = await h.waitForState(ID, 'failed');
    assert.deepEqual(child.signals, ['SIGTERM']);
    assert.equal(s.failure?.action, 'network');
    assert.match(s.failure!.message, /^Cannot reach remote\.it: .* within 45 s\./);
  });

  it('Y with a longer start timeout: connectd’s own exit 014 at 60 s is the same network failure', async () => {
    h.settings.startTimeoutSeconds = 120;
    await replay('Y');
    const s = await h.waitForState(ID, 'failed');
    assert.equal(s.failure?.code, 14);
    assert.equal(s.failure?.action, 'network');
  });

  it('pA (-p lifetime reached, 001): idle, with the lifetime reason', async () => {
    await replay('pA');
    const s = await h.waitForState(ID, 'idle');
    assert.equal(s.failure?.code, 1);
    assert.match(s.failure!.message, /^Connection lifetime expired/);
  });

  it('h (connectd printed its usage, status 1): failed, and says the arguments were refused', async () => {
    await replay('h');
    const s = await h.waitForState(ID, 'failed');
    assert.match(s.failure!.message, /did not accept its arguments/);
    assert.equal(h.spawner.processes.length, 1);
  });

  it('noargs (configuration unreadable, status 1): failed without a retry loop', async () => {
    await replay('noargs');
    const s = await h.waitForState(ID, 'failed');
    assert.match(s.failure!.message, /could not read the provisioning file/);
    assert.equal(h.spawner.processes.length, 1);
  });
});
