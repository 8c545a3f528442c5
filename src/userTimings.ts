// Names under which the extension records its own timings (User Timing, in the extension host's process), read by
// the in-host performance suite:
// - activate()'s duration: the host's marks around activate() also count other extensions whose synchronous
//   activation runs between the steps of the host's promise chain; this measure counts activate() alone;
// - the moment the Devices view's rows last reached VS Code (only the latest mark is kept), so a sort or a filter
//   is timed until the view has its new rows, not until its state is saved;
// - the task provider's own part of a task-list fetch (only the latest is kept).
export const ACTIVATE_MEASURE = 'remoteit.activate';
export const DEVICE_ROWS_SERVED = 'remoteit.deviceRowsServed';
export const PROVIDE_TASKS_MEASURE = 'remoteit.provideTasks';

/** Marks that the Devices view's rows just reached VS Code, replacing the previous mark (none pile up). */
export function markDeviceRowsServed(): void {
  performance.clearMarks(DEVICE_ROWS_SERVED);
  performance.mark(DEVICE_ROWS_SERVED);
}

/** Measures provideTasks from `start` until now, replacing the previous measure. */
export function measureProvideTasks(start: number): void {
  performance.clearMeasures(PROVIDE_TASKS_MEASURE);
  performance.measure(PROVIDE_TASKS_MEASURE, { start });
}
