// connectd stdout → lines → status events (src/core/connectd/lines.ts + statusLine.ts), over a long,
// realistic session: connectd's startup, then throughput, uptime, tunnel and counter lines, then the exit,
// cut into chunks at random boundaries as a pipe delivers them.
import { LineSplitter } from '../../src/core/connectd/lines';
import { parseStatusLine } from '../../src/core/connectd/statusLine';
import { megabytes, measure, seededRandom, type Section } from './measure';

const PORT = 33001;

/** The startup of a `-s` run, console-prefixed lines included. */
const STARTUP = [
  'Connectd built Apr 20 2019 at 16:38:16 Now Starting Up',
  '   Version 4.6 - (c)2019 remot3.it, Inc. All Rights Reserved',
  '   Built with NATPMP BCASTER MALLOC_POOL RESOLVE BIGBUF pool=524288',
  '   x86_64 Version',
  `proxy local port is TCP = ${PORT} `,
  '!!status - pid=35733',
  '  User dev@example.com connecting to 80:00:00:00:01:00:0a:c2',
  '!!status - bound to UDP port 51670',
  'Command Processor now active.',
  '35733> req auth remote.it id dev@example.com',
  '!!status - server connection changed to state 5  - time 1  <35733>',
  '!!status - Connected to server is 69.64.90.20:5959',
  `!!connected local=0 encryption=2 session=C06179712DAE6B525C47822476E799B8BEF7C0C4 ip=126.208.165.148:40801 at time 2  <35733>`,
  `Starting Proxy on port ${PORT} on index 1.`,
  'Proxy started.',
];

const EXIT = ['!!exit [003] : termination from signal 15', '!!exit - process closed (last state Conn).'];

/** One "second" of a busy session: mostly throughput, with the periodic and per-client lines in between. */
function sessionSecond(second: number, random: () => number): string[] {
  const lines = [`!!throughput txBps=${Math.floor(random() * 2_000_000)} rxBps=${Math.floor(random() * 20_000_000)} pl=100000`];
  if (second % 30 === 0) lines.push(`!!status ${second} seconds since startup`);
  if (second % 7 === 0) {
    const tunnel = (second / 7) % 64;
    lines.push(`!!status connecttunnel=${tunnel}`, `!!status closetunnel=${tunnel}, count=0 td=${1 + (second % 5)}`);
  }
  if (second % 60 === 0) {
    lines.push(`!!status session tx bytes ${second * 1_000_003}`, `!!status session rx bytes ${second * 9_000_017}`, '!!status re-transmit pkts 3');
  }
  return lines;
}

function sessionLines(seconds: number): string[] {
  const random = seededRandom(62);
  const lines = [...STARTUP];
  for (let s = 1; s <= seconds; s++) lines.push(...sessionSecond(s, random));
  return [...lines, ...EXIT];
}

/** The text cut at random places, 1 byte to `maxChunk` bytes per chunk (small chunks more often). */
function randomChunks(text: string, maxChunk: number): string[] {
  const random = seededRandom(7);
  const chunks: string[] = [];
  for (let at = 0; at < text.length; ) {
    const size = 1 + Math.floor(random() ** 2 * maxChunk);
    chunks.push(text.slice(at, at + size));
    at += size;
  }
  return chunks;
}

/** Splits and parses the whole stream; throws if a line went missing, so a broken splitter cannot look fast. */
function splitAndParse(chunks: readonly string[], expectedLines: number): void {
  const splitter = new LineSplitter();
  let lines = 0;
  let throughput = 0;
  for (const chunk of chunks) {
    for (const line of splitter.push(chunk)) {
      lines++;
      if (parseStatusLine(line).kind === 'throughput') throughput++;
    }
  }
  lines += splitter.flush().length;
  if (lines !== expectedLines || throughput === 0) throw new Error(`status-line bench: got ${lines} lines (${throughput} throughput), expected ${expectedLines}`);
}

export const statusLinesSection: Section = {
  title: '1. connectd stdout: LineSplitter + parseStatusLine',
  async run() {
    const lines = sessionLines(20_000);
    const text = lines.map((l) => `${l}\n`).join('');
    const crlfText = lines.map((l) => `${l}\r\n`).join('');
    const chunks = randomChunks(text, 8192);
    const crlfChunks = randomChunks(crlfText, 8192);
    const tinyChunks = randomChunks(text, 64);
    const size = `${lines.length.toLocaleString('en-US')} lines, ${megabytes(Buffer.byteLength(text))}`;
    const perLine = { unitsPerOp: lines.length, unit: 'lines', size };
    const unmatched = Array.from({ length: 1000 }, (_, i) => `primary local ip = 192.168.1.${i % 250} some other chatter ${i}`);

    return {
      rows: [
        await measure(`split + parse, ${chunks.length.toLocaleString('en-US')} chunks of 1 B–8 KiB (LF)`, () => splitAndParse(chunks, lines.length), perLine),
        await measure(`split + parse, ${tinyChunks.length.toLocaleString('en-US')} chunks of 1–64 B (LF)`, () => splitAndParse(tinyChunks, lines.length), perLine),
        await measure(`split + parse, ${crlfChunks.length.toLocaleString('en-US')} chunks of 1 B–8 KiB (CRLF)`, () => splitAndParse(crlfChunks, lines.length), perLine),
        await measure('split only (LineSplitter.push)', () => {
          const splitter = new LineSplitter();
          for (const chunk of chunks) splitter.push(chunk);
        }, perLine),
        await measure('parse only (parseStatusLine per line)', () => {
          for (const line of lines) parseStatusLine(line);
        }, perLine),
        await measure('parse unmatched text (falls through every rule)', () => {
          for (const line of unmatched) parseStatusLine(line);
        }, { unitsPerOp: unmatched.length, unit: 'lines', size: '1,000 lines' }),
      ],
    };
  },
};
