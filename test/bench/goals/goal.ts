// One checked goal of `npm run bench -- --check`: a measured value against a limit, printed as one line
// `<id> <name>: <value> (goal <op> <limit>) ok|OVER`, plus indented notes that say what was measured.
// Ratios are measured against a baseline taken in the same run, so a noisy machine moves both sides.

export type Op = '≤' | '=';

export interface GoalResult {
  id: string;
  name: string;
  value: number;
  op: Op;
  limit: number;
  /** How the value is written: '×' ratio, 'ms', 'KB', or '' for counts and rates (with `per`). */
  unit: '×' | 'ms' | 'KB' | '';
  /** Appended to counts, e.g. "/s per connection". */
  per?: string;
  /** What exactly was measured, and where the rest of the time goes (printed indented). */
  notes: string[];
}

/** A goal that could not be measured here: printed as OVER with the reason, never silently dropped. */
export function unmeasured(id: string, name: string, op: Op, limit: number, unit: GoalResult['unit'], reason: string): GoalResult {
  return { id, name, value: Number.NaN, op, limit, unit, notes: [`not measured: ${reason}`] };
}

export function met(goal: GoalResult): boolean {
  if (Number.isNaN(goal.value)) return false;
  return goal.op === '=' ? goal.value === goal.limit : goal.value <= goal.limit;
}

function amount(value: number, unit: GoalResult['unit'], per = ''): string {
  if (Number.isNaN(value)) return 'n/a';
  switch (unit) {
    case '×':
      return `${value.toFixed(2)}×`;
    case 'ms':
      return `${Number.isInteger(value) ? value : value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;
    case 'KB':
      return `${Number.isInteger(value) ? value : value.toFixed(1)} KB`;
    default:
      return `${Number.isInteger(value) ? value : value.toFixed(1)}${per}`;
  }
}

export function formatGoal(goal: GoalResult): string {
  const limit = amount(goal.limit, goal.unit, goal.per);
  const head = `${goal.id} ${goal.name}: ${amount(goal.value, goal.unit, goal.per)} (goal ${goal.op} ${limit}) ${met(goal) ? 'ok' : 'OVER'}`;
  // Notes are indented so that no line but the goal's own starts with its id.
  return [head, ...goal.notes.map((n) => `    ${n}`)].join('\n');
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The nearest-rank percentile (p in 0..100). */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export const ms = (value: number): string => `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;
