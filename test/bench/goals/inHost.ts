// P3b and P4a, and the in-host side of P3c/P3d: figures measured inside real VS Code windows by the in-host
// suite (test/integration/q-perf.test.ts), which writes one JSON file per window into its run's output folder.
// The check measures fresh windows first (measureInHost), so its figures are always those of the code as it is.
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { runLogged } from '../../../scripts/lib/proc';
import { IN_HOST_FIGURES_FILE, type InHostFigures } from '../inHostFigures';
import { median, ms, unmeasured, type GoalResult } from './goal';

const TEST_OUTPUT = path.resolve(__dirname, '..', '..', '..', 'test-output');
/** Fresh windows the check measures: each is a new code-server of the newest host, with the in-host suite only. */
const FRESH_WINDOWS = 3;
export const HOW = 'the in-host suite did not run: see test-output/bench-in-host.log';

/**
 * Opens FRESH_WINDOWS windows in turn, each measuring its figures, and returns them (those measured since this
 * call began; fewer when a run failed, which its log says).
 */
export async function measureInHost(): Promise<{ windows: InHostFigures[]; seconds: number; log: string }> {
  const since = new Date().toISOString();
  const started = Date.now();
  const log = path.join(TEST_OUTPUT, 'bench-in-host.log');
  await fs.mkdir(TEST_OUTPUT, { recursive: true });
  await fs.writeFile(log, '');
  for (let i = 0; i < FRESH_WINDOWS; i++) {
    await runLogged(process.execPath, ['--import', 'tsx', 'scripts/test-integration.ts', '--host', 'newest', '--grep', 'in-host performance'], log, { cwd: path.dirname(TEST_OUTPUT) }).catch(() => undefined);
  }
  const windows = (await readInHostFigures()).filter((w) => w.measuredAt >= since);
  return { windows, seconds: (Date.now() - started) / 1000, log: path.relative(path.dirname(TEST_OUTPUT), log) };
}

async function readInHostFigures(): Promise<InHostFigures[]> {
  if (!existsSync(TEST_OUTPUT)) return [];
  const runs = (await fs.readdir(TEST_OUTPUT)).filter((name) => name.startsWith('run-integration-'));
  const files = runs.map((run) => path.join(TEST_OUTPUT, run, 'results', IN_HOST_FIGURES_FILE)).filter((file) => existsSync(file));
  const figures = await Promise.all(files.map(async (file) => JSON.parse(await fs.readFile(file, 'utf8')) as InHostFigures));
  return figures.sort((a, b) => b.measuredAt.localeCompare(a.measuredAt));
}

export function whence(windows: readonly InHostFigures[]): string {
  const hosts = [...new Set(windows.map((w) => w.vscodeVersion))].join(', ');
  return `${windows.length} window(s) of VS Code ${hosts}, newest ${windows[0].measuredAt}`;
}

/**
 * P4a: activate()'s own measure. The host's marks around activate() also count other extensions whose synchronous
 * activation runs between the steps of the host's promise chain (named in the notes); windows measured before
 * activate() measured itself only have those marks, and stand in when no window has its own measure.
 */
export function activationGoal(windows: readonly InHostFigures[]): GoalResult {
  const name = 'activate() in the real host';
  const measured = windows.filter((w) => w.activation);
  if (measured.length === 0) return unmeasured('P4a', name, '≤', 20, 'ms', `no in-host figures: ${HOW}`);
  const timed = measured.filter((w) => w.activation!.ownMs !== undefined);
  const basis = timed.length ? timed : measured;
  const own = timed.map((w) => w.activation!.ownMs!);
  const marked = basis.map((w) => w.activation!.activateMs);
  const load = basis.flatMap((w) => (w.activation!.loadCodeMs === undefined ? [] : [w.activation!.loadCodeMs]));
  const alongside = basis.every((w) => w.activation!.alongside) ? basis.map((w) => w.activation!.alongside!.length) : [];
  return {
    id: 'P4a',
    name: timed.length ? `${name}, its own measure (median of ${timed.length} windows)` : `${name}, host marks (median of ${basis.length} windows)`,
    value: timed.length ? median(own) : median(marked),
    op: '≤',
    limit: 20,
    unit: 'ms',
    notes: [
      ...(timed.length
        ? [`activate()'s own measure, its first line until its value is ready: ${own.map((v) => v.toFixed(1)).join(', ')} ms`]
        : [`no window has activate()'s own measure yet: ${HOW}`]),
      `host marks willActivateExtension → didActivateExtension (1 ms resolution): ${marked.join(', ')} ms; ${whence(basis)}; they also count the synchronous activation of other extensions that ran meanwhile${alongside.length ? ` (${alongside.join(', ')} of them in these windows)` : ''}`,
      ...(load.length ? [`before that, loading the bundle's code: median ${ms(median(load))}`] : []),
    ],
  };
}

export function viewGoal(windows: readonly InHostFigures[]): GoalResult {
  const name = 'filter/sort of the Devices view, 10,000 devices (in-host)';
  const measured = windows.filter((w) => w.view);
  if (measured.length === 0) return unmeasured('P3b', name, '≤', 50, 'ms', `no in-host figures: ${HOW}`);
  const pool = (pick: (v: NonNullable<InHostFigures['view']>) => number[]) => measured.flatMap((w) => pick(w.view!));
  const parts = [
    { what: 'filter keystroke (handler in the host)', ms: median(pool((v) => v.keystrokeMs)) },
    { what: 'clear filter (command → rows in VS Code)', ms: median(pool((v) => v.clearFilterMs)) },
    ...Object.keys(measured[0].view!.sortMs).map((sort) => ({ what: `sort by ${sort} (command → rows in VS Code)`, ms: median(pool((v) => v.sortMs[sort] ?? [])) })),
  ];
  const slowest = parts.reduce((a, b) => (b.ms > a.ms ? b : a));
  return {
    id: 'P3b',
    name,
    value: slowest.ms,
    op: '≤',
    limit: 50,
    unit: 'ms',
    notes: [
      `value = the slowest median: ${slowest.what}; ${parts.map((p) => `${p.what} ${ms(p.ms)}`).join(', ')}; ${whence(measured)}`,
      ...busy(measured),
    ],
  };
}

function busy(windows: readonly InHostFigures[]): string[] {
  const longest = windows.flatMap((w) => (w.view?.longestBusyMs === undefined ? [] : [w.view.longestBusyMs]));
  return longest.length ? [`longest the host's event loop stayed busy meanwhile (view open, VS Code fetching its rows): median ${ms(median(longest))} over the windows`] : [];
}
