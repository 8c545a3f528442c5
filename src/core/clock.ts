// Time as a dependency, so the state machine's timers (backoff, stop grace, probes) run on a fake in tests.

export type TimerHandle = unknown;

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** The longest wait one Node timer holds: a longer one fires at once (a 30-day connection lifetime would end it immediately). */
export const MAX_TIMER_MS = 2 ** 31 - 1;

type BaseTimers = Pick<Clock, 'setTimeout' | 'clearTimeout'>;

/** Timers of any length on top of timers that hold at most `maxMs`: a long wait is a chain of shorter ones. */
export function chainedTimers(base: BaseTimers, maxMs = MAX_TIMER_MS): BaseTimers {
  return {
    setTimeout(callback, ms) {
      const handle: { timer?: TimerHandle } = {};
      const arm = (remaining: number) => {
        const wait = Math.min(remaining, maxMs);
        handle.timer = base.setTimeout(() => (remaining > wait ? arm(remaining - wait) : callback()), wait);
      };
      arm(Math.max(0, Number.isFinite(ms) ? ms : 0));
      return handle;
    },
    clearTimeout(handle) {
      base.clearTimeout((handle as { timer?: TimerHandle } | undefined)?.timer);
    },
  };
}

export const systemClock: Clock = {
  now: () => Date.now(),
  ...chainedTimers({
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  }),
};
