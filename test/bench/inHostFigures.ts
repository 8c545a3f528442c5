// What the in-host performance suite (test/integration/q-perf.test.ts) writes to its run's output folder, and
// the bench reads: one file per VS Code window that ran the suite.

export const IN_HOST_FIGURES_FILE = 'in-host-perf.json';

export interface InHostFigures {
  vscodeVersion: string;
  measuredAt: string;
  /** ownMs: activate()'s own measure, from its first line until its value is ready. activateMs: the host's marks
   * around the call (millisecond resolution), which also count the other extensions (alongside) activating then. */
  activation?: { ownMs?: number; activateMs: number; loadCodeMs?: number; alongside?: string[] };
  /** A 10,000-device account, view open: each filter keystroke's handler; clearing the filter and each sort, from
   * the command until the view's rows reached VS Code; the longest the host's event loop was busy meanwhile. */
  view?: { devices: number; keystrokeMs: number[]; clearFilterMs: number[]; sortMs: Record<string, number[]>; longestBusyMs?: number };
  /** `vscode.tasks.fetchTasks({ type: 'connectd' })` for that account, with some favourite devices (count: the
   * provider's tasks; provideMs: provideTasks' own measure in each fetch), and, in turn with it, a fetch of a task
   * type whose provider provides nothing (VS Code's own part), once the host had been quiet for a moment (or
   * quietAfterMs had passed). */
  tasks?: { devices: number; favouriteDevices: number; count: number; provideMs?: number[]; fetchMs: number[]; emptyProviderFetchMs?: number[]; quietAfterMs?: number };
}
