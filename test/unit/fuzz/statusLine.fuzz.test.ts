// connectd's stdout is untrusted text: whatever it prints, the parser returns one event and never throws, and
// every number it hands the state machine is a number the state machine can use.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { LineSplitter } from '../../../src/core/connectd/lines';
import { parseStatusLine } from '../../../src/core/connectd/statusLine';
import { holds, hostileText } from './seeded';

/** Beginnings of every line form connectd prints, so the generated tails reach each rule, not only `log`. */
const FORMS = [
  '!!status - pid=', '!!status - bound to UDP port ', 'server connection changed to state ', 'Connected to server is ',
  '!!status ', '!!status [', '!!status connecttunnel=', '!!status closetunnel=', '!!status peer session ',
  '!!status session tx bytes ', '!!throughput txBps=', '!!connected local=', 'Session Connected local=', '!!exit [',
  '!!exit - ', '!!exit', '!!exit - process closed (last state ', 'Starting Proxy on port ', 'Proxy started.',
  'Cannot Bind Port ', 'proxy local port is TCP = ', 'User ', 'connectd version ', 'Version ', 'req auth remote.it id ',
  '12345> ', '!!request to connect from remot3.it ID or device owned by ', 'Connection failed on tunnel ', 'usage: ',
];

const numberish = fc.oneof(fc.integer().map(String), fc.bigInt().map(String), fc.constantFrom('99999999999999999999999', '-0', '0x1F', '1e9', '65536', ''));

const oneLine = fc.oneof(
  hostileText(200),
  fc.tuple(fc.constantFrom(...FORMS), numberish, hostileText(40)).map(([form, n, tail]) => `${form}${n}${tail}`),
  fc.tuple(fc.constantFrom(...FORMS), numberish, numberish).map(([form, a, b]) => `${form}${a} txBps=${a} rxBps=${b} encryption=${b} session=${a} ip=${b}`),
);

/** Output as connectd writes it: lines in chunks cut anywhere, split by the engine's own line splitter. */
const output = fc.tuple(fc.array(oneLine, { maxLength: 6 }), fc.constantFrom('\n', '\r\n', '\r'), fc.array(fc.nat({ max: 400 }), { maxLength: 4 })).map(([lines, eol, cuts]) => {
  const text = lines.join(eol);
  const splitter = new LineSplitter();
  const points = [...new Set(cuts.map((c) => Math.min(c, text.length)))].sort((a, b) => a - b);
  const chunks = [...points, text.length].map((end, i) => text.slice(i === 0 ? 0 : points[i - 1], end));
  return [...chunks.flatMap((chunk) => splitter.push(chunk)), ...splitter.flush()];
});

const NUMBER_FIELDS = ['port', 'pid', 'state', 'seconds', 'code', 'session', 'value', 'txBps', 'rxBps', 'tunnel', 'encryption'] as const;

describe('fuzz: connectd status lines', () => {
  it('always one event of a known kind, never a throw, never a number the engine cannot use', () => {
    holds(output, (lines) => {
      for (const text of lines) checkEvent(text);
    }, 1500);
  });

  it('a number too long to be exact, or a port outside 1–65535, is never handed on as one', () => {
    assert.deepEqual(parseStatusLine('!!status - pid=9007199254740993'), { kind: 'status', text: 'pid=9007199254740993' });
    assert.deepEqual(parseStatusLine('Starting Proxy on port 99999'), { kind: 'log', text: 'Starting Proxy on port 99999' });
    assert.deepEqual(parseStatusLine('proxy local port is TCP = 0'), { kind: 'log', text: 'proxy local port is TCP = 0' });
    assert.deepEqual(parseStatusLine('Cannot Bind Port 70000'), { kind: 'proxyFailed' });
    assert.deepEqual(parseStatusLine('Starting Proxy on port 33001'), { kind: 'proxyStarting', port: 33001 });
  });

  it('survives a megabyte line and answers in linear time', () => {
    const started = Date.now();
    for (const form of FORMS) parseStatusLine(`${form}${'9'.repeat(1 << 20)} ${'x '.repeat(1 << 18)}`);
    assert.ok(Date.now() - started < 5000, `${FORMS.length} one-megabyte lines took ${Date.now() - started} ms`);
  });

  it('non-string input from a broken stream gives a log event', () => {
    holds(fc.anything(), (value) => {
      assert.equal(typeof parseStatusLine(value as string).kind, 'string');
    }, 200);
  });
});

function checkEvent(text: string): void {
  const event = parseStatusLine(text);
  assert.equal(typeof event.kind, 'string');
  const fields = event as unknown as Record<string, unknown>;
  for (const key of NUMBER_FIELDS) {
    if (fields[key] === undefined) continue;
    assert.ok(Number.isSafeInteger(fields[key]), `${event.kind}.${key} = ${String(fields[key])} from ${JSON.stringify(text)}`);
  }
  if (event.kind === 'proxyStarting' || event.kind === 'proxyPort' || event.kind === 'udpBound' || (event.kind === 'proxyFailed' && event.port !== undefined)) {
    assert.ok(event.port! >= 1 && event.port! <= 65535, `${event.kind} port ${event.port} from ${JSON.stringify(text)}`);
  }
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === 'string') assert.doesNotMatch(value, /\n/, `${event.kind}.${key} holds a line break`);
  }
}
