// The stand-in's sense of time. connectd counts in seconds: uptime lines every second, throughput every ~6 s,
// a sign-in attempt every ~2.5 s, its limit check every 15 s, giving up on remote.it after 60 s. A "second"
// is real by default; CONNECTD_STANDIN_SECOND_MS shortens it for tests, and once signed in the emulator's
// world decides (its connectd `minuteMs`, and its uptime and throughput intervals).
import { DEFAULT_BEHAVIOUR, type ConnectdBehaviour } from '../protocol';

export const SECOND_MS_ENV = 'CONNECTD_STANDIN_SECOND_MS';

interface Repeating {
  interval: () => number;
  run: () => void;
  handle?: NodeJS.Timeout;
}

export class Pace {
  private secondMs: number;
  private behaviour: ConnectdBehaviour | undefined;
  /** Virtual seconds counted before the last change of pace, and when that change happened. */
  private counted = 0;
  private since = Date.now();
  private readonly repeating = new Set<Repeating>();

  constructor(env: NodeJS.ProcessEnv = process.env) {
    const fromEnv = Number(env[SECOND_MS_ENV]);
    this.secondMs = Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : 1000;
  }

  /** Startup is done: seconds count from now. */
  start(): void {
    this.counted = 0;
    this.since = Date.now();
  }

  /** Seconds since startup, in connectd's (possibly shortened) seconds. */
  seconds(): number {
    return this.counted + (Date.now() - this.since) / this.secondMs;
  }

  /** Real milliseconds for `n` connectd seconds. */
  ms(n: number): number {
    return n * this.secondMs;
  }

  get uptimeIntervalMs(): number {
    return this.behaviour ? this.behaviour.uptimeIntervalMs : this.secondMs;
  }

  get throughputIntervalMs(): number {
    return this.behaviour ? this.behaviour.throughputIntervalMs : 6 * this.secondMs;
  }

  get world(): ConnectdBehaviour {
    return this.behaviour ?? DEFAULT_BEHAVIOUR;
  }

  /** Signed in: the emulator's world paces from now on; every repeating timer follows at once. */
  follow(behaviour: ConnectdBehaviour): void {
    this.counted = this.seconds();
    this.since = Date.now();
    this.behaviour = behaviour;
    this.secondMs = behaviour.minuteMs / 60;
    for (const r of this.repeating) this.schedule(r);
  }

  /** Runs `run` every `interval()` ms, re-reading the interval each time (and when the pace changes). */
  every(interval: () => number, run: () => void): void {
    const r: Repeating = { interval, run };
    this.repeating.add(r);
    this.schedule(r);
  }

  delay(connectdSeconds: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, this.ms(connectdSeconds)));
  }

  private schedule(r: Repeating): void {
    if (r.handle) clearTimeout(r.handle);
    r.handle = setTimeout(() => {
      r.run();
      this.schedule(r);
    }, Math.max(1, r.interval()));
  }
}
