// Pass/fail counts as every runner prints them, and the machine-readable line test-all reads back.

export interface Counts {
  passes: number;
  failures: number;
  pending: number;
  /** What failed, a line each, so the run's summary (the end of a CI log) names it. */
  failed?: string[];
}

/** Where scripts/lib/countingSpecReporter.ts writes mocha's counts. */
export const COUNTS_FILE_ENV = 'MOCHA_COUNTS_FILE';

export const RESULT_MARKER = 'TEST-LAYER-RESULT ';

export function formatCounts(c: Counts): string {
  return `${c.passes} passed, ${c.failures} failed${c.pending ? `, ${c.pending} pending` : ''}`;
}

export function addCounts(a: Counts, b: Counts): Counts {
  const failed = [...(a.failed ?? []), ...(b.failed ?? [])];
  return { passes: a.passes + b.passes, failures: a.failures + b.failures, pending: a.pending + b.pending, ...(failed.length ? { failed } : {}) };
}

const FAILED_LINE_MAX = 300;

/**
 * One line for the summary: the test's title and why, up to the stack trace, cut to a readable length. The message
 * lines before the stack are kept because an assertion says its values on the line after its first.
 */
export function failedLine(title: string, error?: string): string {
  const lines = (error ?? '').split('\n').map((l) => l.trim());
  const stack = lines.findIndex((l) => l.startsWith('at '));
  const why = lines.slice(0, stack < 0 ? undefined : stack).filter(Boolean).join(' ');
  const line = why ? `${title} — ${why}` : title;
  return line.length > FAILED_LINE_MAX ? `${line.slice(0, FAILED_LINE_MAX - 1)}…` : line;
}

export const ZERO: Counts = { passes: 0, failures: 0, pending: 0 };

/** A layer passes when something ran and nothing failed. */
export function layerPassed(c: Counts): boolean {
  return c.failures === 0 && c.passes > 0;
}

/** Prints the one line a parent runner (test-all) parses for this layer's totals. */
export function emitResult(layer: string, c: Counts): void {
  console.log(`${RESULT_MARKER}${JSON.stringify({ layer, ...c })}`);
}
