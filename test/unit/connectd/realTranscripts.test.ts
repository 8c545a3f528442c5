// Every transcript of the real connectd 4.6 through the parser: each `!!` line is understood as what it is,
// and the events tell the story the transcript shows.
import * as assert from 'node:assert/strict';
import { readConnectdVersion } from '../../../src/core/connectd/binary';
import { runDiagnostics } from '../../../src/core/connectd/diagnostics';
import { parseStatusLine, type StatusEvent } from '../../../src/core/connectd/statusLine';
import { FakeClock, FakeSpawner } from '../connections/fakes';
import { transcript, type TranscriptName } from '../../fixtures/connectd-4.6/transcripts';

const ALL: TranscriptName[] = ['h', 'noargs', 'F1', 'F2', 'Y', 'N', 'pA'];
const kinds = (name: TranscriptName): StatusEvent['kind'][] => transcript(name).lines.map((l) => parseStatusLine(l).kind);
const events = (name: TranscriptName): StatusEvent[] => transcript(name).lines.map(parseStatusLine);
const count = (name: TranscriptName, kind: StatusEvent['kind']): number => kinds(name).filter((k) => k === kind).length;

describe('the real connectd 4.6 transcripts, parsed', () => {
  for (const name of ALL) {
    it(`${name}: every !! line is understood as a specific event (none falls through to a generic status or log)`, () => {
      for (const line of transcript(name).lines.filter((l) => l.startsWith('!!'))) {
        const event = parseStatusLine(line);
        assert.ok(event.kind !== 'status' && event.kind !== 'log', `${line} → ${event.kind}`);
      }
    });
  }

  it('every transcript starts with the 4.6 banner', () => {
    for (const name of ALL) {
      assert.deepEqual(kinds(name).slice(0, 4), ['banner', 'banner', 'banner', 'banner'], name);
      assert.ok(events(name).some((e) => e.kind === 'banner' && e.version === '4.6'), name);
    }
  });

  it('-h: banner and usage, exit status 1', () => {
    assert.equal(count('h', 'usage'), 1);
    assert.deepEqual(transcript('h').exit, { code: 1, signal: null });
  });

  it('no arguments: connectd looks for ./connectd.conf, fails to read it, exit status 1', () => {
    assert.ok(transcript('noargs').lines.includes('config file connectd.conf'));
    assert.equal(count('noargs', 'configUnreadable'), 1);
    assert.equal(count('noargs', 'usage'), 0, 'no usage text without arguments');
    assert.deepEqual(transcript('noargs').exit, { code: 1, signal: null });
  });

  it('-f (F1): uptime lines, throughput every few seconds with no peer, console sign-in attempts; SIGTERM → 003, then the clean-up lines', () => {
    assert.ok(count('F1', 'uptime') >= 30);
    assert.ok(count('F1', 'throughput') >= 6);
    assert.ok(count('F1', 'signingIn') >= 5);
    assert.equal(count('F1', 'userConnecting'), 0, '-f prints no "User … connecting to"');
    assert.equal(count('F1', 'proxyPort'), 0, '-f prints no "proxy local port is TCP ="');
    const tail = events('F1').slice(-7);
    assert.deepEqual(tail[0], { kind: 'exit', code: 3, message: 'termination from signal 15' });
    assert.deepEqual(tail.slice(1).map((e) => e.kind), ['shuttingDown', 'sessionCounter', 'sessionCounter', 'sessionCounter', 'sessionCounter', 'sessionCounter']);
    assert.equal(count('F1', 'processClosed'), 0, 'no `process closed` trailer in 4.6');
  });

  it('-f (F2): an uptime line can come between the exit line and the clean-up', () => {
    const k = kinds('F2');
    const exit = k.indexOf('exit');
    assert.deepEqual(k.slice(exit, exit + 3), ['exit', 'uptime', 'shuttingDown']);
  });

  it('-p (Y): restrict address and "User … connecting to", uptime from -1, UDP on the proxy port number, 014 after ~60 s', () => {
    const e = events('Y');
    assert.ok(transcript('Y').lines.includes('restrict address = 0.0.0.0 '));
    assert.deepEqual(e.find((x) => x.kind === 'userConnecting'), { kind: 'userConnecting', user: 'someone@example.com', target: '80:00:00:00:01:00:0a:c2' });
    assert.deepEqual(e.find((x) => x.kind === 'uptime'), { kind: 'uptime', seconds: -1 });
    assert.deepEqual(e.find((x) => x.kind === 'udpBound'), { kind: 'udpBound', port: 33129 });
    assert.deepEqual(e.find((x) => x.kind === 'exit'), { kind: 'exit', code: 14, message: 'Connection To remot3.it Service has Timed Out. <23249>' });
    assert.deepEqual(transcript('Y').exit, { code: 14, signal: null });
  });

  it('-p with lifetime "2" (pA): 001 at the first 15 s check, exit status 1', () => {
    const exit = events('pA').find((x) => x.kind === 'exit');
    assert.deepEqual(exit, { kind: 'exit', code: 1, message: 'process lifetime expired  (cur=15) idled out in grace (grace=0) period (over lifetime 2).' });
    assert.deepEqual(transcript('pA').exit, { code: 1, signal: null });
  });

  it('readConnectdVersion over the -h transcript: 4.6, no warning, asked with -h', async () => {
    const spawner = new FakeSpawner();
    const reading = readConnectdVersion('/opt/connectd', spawner);
    const child = await spawner.next(1);
    assert.deepEqual(child.args, ['-h']);
    const h = transcript('h');
    child.lines(...h.lines);
    child.exit(h.exit.code, h.exit.signal);
    const result = await reading;
    assert.equal(result.version, '4.6');
    assert.equal(result.warning, undefined);
    assert.equal(result.banner.length, 4);
  });

  it('runDiagnostics over the -n transcript: the dashed line and [FAIL] reach the user, and how it ended', async () => {
    const spawner = new FakeSpawner();
    const clock = new FakeClock();
    const running = runDiagnostics('/opt/connectd', spawner, 120_000, clock);
    const child = await spawner.next(1);
    const n = transcript('N');
    child.lines(...n.lines);
    child.exit(n.exit.code, n.exit.signal);
    const lines = (await running).split('\n');
    assert.ok(lines.includes('---------------------------------'));
    assert.ok(lines.includes('Checking if DNS works ... ....[FAIL]'));
    assert.equal(lines[lines.length - 1], '(connectd ended by SIGTERM)');
  });
});
