// The real connectd 4.6's output, kept verbatim in test/fixtures/connectd-4.6/: stdout and stderr as the binary
// printed them, then one `exit=N` line with the status the shell saw (128 + n: killed by signal n).
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { ProcessExit } from '../../../src/core/connectd/spawner';

export type TranscriptName = 'h' | 'noargs' | 'F1' | 'F2' | 'Y' | 'N' | 'pA';

export interface Transcript {
  name: TranscriptName;
  lines: string[];
  exit: ProcessExit;
}

export const TRANSCRIPT_DIR = path.join(__dirname, '..', '..', 'fixtures', 'connectd-4.6');

const SIGNALS: Record<number, string> = { 2: 'SIGINT', 9: 'SIGKILL', 15: 'SIGTERM' };

export function transcript(name: TranscriptName): Transcript {
  const lines = readFileSync(path.join(TRANSCRIPT_DIR, `${name}.txt`), 'utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const status = /^exit=(\d+)$/.exec(lines.pop() ?? '');
  if (!status) throw new Error(`${name}.txt does not end with exit=N`);
  const code = Number(status[1]);
  const exit: ProcessExit = code > 128 ? { code: null, signal: SIGNALS[code - 128] ?? `signal ${code - 128}` } : { code, signal: null };
  return { name, lines, exit };
}

/** The uptime an `!!status N seconds since startup` line reports, to replay a transcript at its own pace. */
export function uptimeOf(line: string): number | undefined {
  const m = /^!!status (-?\d+) seconds since startup/.exec(line);
  return m ? Number(m[1]) : undefined;
}
