// Redraws for a burst of changes, coalesced: the first change draws at once, later ones within the interval are
// collected and drawn together when it ends. A chatty connectd (a status line every second, throughput lines,
// hundreds of lines a second in a flood) then costs the views at most two redraws a second, and an idle one none:
// no timer runs while nothing changes.
import type { Clock, TimerHandle } from '../clock';

export class Coalescer<K> {
  private readonly waiting = new Set<K>();
  private timer: TimerHandle | undefined;
  private last = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly draw: (keys: ReadonlySet<K>) => void,
    private readonly intervalMs: number,
    private readonly clock: Clock,
  ) {}

  add(key: K): void {
    this.waiting.add(key);
    if (this.timer !== undefined) return;
    const wait = this.last + this.intervalMs - this.clock.now();
    if (wait <= 0) return this.flush();
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, wait);
  }

  dispose(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.waiting.clear();
  }

  private flush(): void {
    this.last = this.clock.now();
    const keys = new Set(this.waiting);
    this.waiting.clear();
    this.draw(keys);
  }
}
