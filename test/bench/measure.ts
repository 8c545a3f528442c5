// Timing and the printed table. Benchmarks only print what they measured: nothing here judges a number.
import { performance } from 'node:perf_hooks';

export interface Row {
  name: string;
  iterations: number;
  totalMs: number;
  /** Work units per iteration (lines, devices, bytes…) for the rate column; 1 = operations. */
  unitsPerOp?: number;
  /** Name of the work unit in the rate column, e.g. "lines" → "lines/s". Default "ops". */
  unit?: string;
  /** Size of the input, when it matters ("10,000 × 3", "5.1 MB"). */
  size?: string;
}

/** A section either measured its rows or says why it could not run. */
export type SectionResult = { rows: Row[] } | { skipped: string };

export interface Section {
  title: string;
  run(): Promise<SectionResult>;
}

export interface MeasureOptions {
  /** Keep iterating until this much time went by (default 500 ms)… */
  minMs?: number;
  /** …and at least this many iterations ran (default 3). */
  minIterations?: number;
  /** Never more than this many (default 1,000,000). */
  maxIterations?: number;
  /** Untimed runs first, so the JIT has seen the code (default 1). */
  warmup?: number;
}

/** Runs `op` repeatedly and returns a row; `op` may be async. Only the calls themselves are timed. */
export async function measure(name: string, op: () => unknown, options: MeasureOptions & Omit<Row, 'name' | 'iterations' | 'totalMs'> = {}): Promise<Row> {
  const { minMs = 500, minIterations = 3, maxIterations = 1_000_000, warmup = 1, ...shape } = options;
  for (let i = 0; i < warmup; i++) await op();
  let iterations = 0;
  let totalMs = 0;
  while ((totalMs < minMs || iterations < minIterations) && iterations < maxIterations) {
    const started = performance.now();
    await op();
    totalMs += performance.now() - started;
    iterations++;
  }
  return { name, iterations, totalMs, ...shape };
}

/** Times one run of `op` (for work too slow or too stateful to repeat in a loop). */
export async function timeOnce<T>(op: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await op();
  return { ms: performance.now() - started, value };
}

export const megabytes = (bytes: number): string => `${(bytes / 1e6).toFixed(bytes < 1e7 ? 2 : 1)} MB`;

const grouped = (n: number, digits = 0): string => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function perOp(row: Row): string {
  const us = (row.totalMs * 1000) / row.iterations;
  if (us >= 10_000) return `${grouped(us / 1000, 1)} ms`;
  return `${grouped(us, us < 10 ? 2 : 1)} µs`;
}

function rate(row: Row): string {
  const perSecond = (row.iterations * (row.unitsPerOp ?? 1)) / (row.totalMs / 1000);
  const unit = `${row.unit ?? 'ops'}/s`;
  return `${grouped(perSecond, perSecond < 100 ? 1 : 0)} ${unit}`;
}

const HEADER = ['benchmark', 'iterations', 'total ms', 'per op', 'rate', 'size'];

/** The rows of one section as an aligned text table. */
export function formatRows(rows: Row[]): string {
  const cells = rows.map((r) => [r.name, grouped(r.iterations), grouped(r.totalMs, 1), perOp(r), rate(r), r.size ?? '']);
  const widths = HEADER.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((text, i) => (i === 0 || i === c.length - 1 ? text.padEnd(widths[i]) : text.padStart(widths[i]))).join('  ').trimEnd();
  return [line(HEADER), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

/** A deterministic pseudo-random generator (mulberry32), so every run sees the same input. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
