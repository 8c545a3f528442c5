// P2: the engine under 20 live connections. The real ConnectionManager runs on the real clock (wrapped to count
// timers) over scripted connectd processes whose output reaches it as the real spawner hands it on, so the
// figures are the engine's own: line → state event latency, what it does while every connection is quiet,
// and how much a chatty connectd makes the views redraw.
import { Coalescer } from '../../../src/core/presentation/coalescer';
import { performance } from 'node:perf_hooks';
import { systemClock, type Clock, type TimerHandle } from '../../../src/core/clock';
import type { ConnectionSnapshot } from '../../../src/core/connections/types';
import { taskStory } from '../../../src/core/tasks/taskStory';
import { benchRequest, bringUp, scriptedEngine, type ScriptedEngine } from '../scriptedEngine';
import { percentile, type GoalResult } from './goal';

const CONNECTIONS = 20;
const LATENCY_LINES = 4_000;
const QUIET_MS = 2_000;
const CHATTY_LINES_PER_S = 200;
const CHATTY_MS = 3_000;
/** A pipe delivers a chatty process's output in chunks; one chunk per connection per tick. */
const CHATTY_TICK_MS = 50;
/** The status bar's rule (src/vscode/statusBar.ts): at most one redraw per 500 ms, the first at once. */
/** What the status bar and the tree coalesce redraws to (src/vscode/statusBar.ts, tree.ts). */
const REDRAW_MS = 500;

/** The system clock, counting what the engine asks of it. */
class CountingClock implements Clock {
  created = 0;
  fired = 0;
  private readonly pending = new Map<TimerHandle, number>();

  now(): number {
    return systemClock.now();
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    this.created++;
    const handle = systemClock.setTimeout(() => {
      this.pending.delete(handle);
      this.fired++;
      callback();
    }, ms);
    this.pending.set(handle, ms);
    return handle;
  }

  clearTimeout(handle: TimerHandle): void {
    this.pending.delete(handle);
    systemClock.clearTimeout(handle);
  }

  /** Delays of the timers still set, e.g. "20 × 10000 ms". */
  pendingSummary(): { count: number; text: string } {
    const byDelay = new Map<number, number>();
    for (const ms of this.pending.values()) byDelay.set(ms, (byDelay.get(ms) ?? 0) + 1);
    return { count: this.pending.size, text: [...byDelay].map(([ms, n]) => `${n} × ${ms} ms`).join(', ') };
  }

  reset(): void {
    this.created = 0;
    this.fired = 0;
  }
}

const throughputLine = (i: number) => `!!throughput txBps=${(i * 7919) % 2_000_000} rxBps=${(i * 104_729) % 20_000_000} pl=100000`;
const uptimeLine = (i: number) => `!!status ${i} seconds since startup`;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** P2a: one throughput line into one of 20 connections → the change event a subscriber receives. */
async function lineToEvent(e: ScriptedEngine, ids: readonly string[]): Promise<GoalResult> {
  const latencies: number[] = [];
  let waiting: { id: string; arrived: (at: number) => void } | undefined;
  const subscription = e.manager.onDidChange((s) => {
    if (waiting && s.id === waiting.id) waiting.arrived(performance.now());
  });
  try {
    for (let i = 0; i < LATENCY_LINES; i++) {
      const id = ids[i % ids.length];
      const child = e.processOf(id);
      const arrival = new Promise<number>((resolve) => (waiting = { id, arrived: resolve }));
      const sent = performance.now();
      child.print(`${throughputLine(i)}\n`);
      latencies.push((await arrival) - sent);
      waiting = undefined;
      // Lines come from separate pipe reads: let the event loop turn between them.
      await nextTurn();
    }
  } finally {
    subscription.dispose();
  }
  const p99 = percentile(latencies, 99);
  return {
    id: 'P2a',
    name: `line → state event p99 (${CONNECTIONS} live connections)`,
    value: p99,
    op: '≤',
    limit: 2,
    unit: 'ms',
    notes: [`${LATENCY_LINES} !!throughput lines round-robin over ${CONNECTIONS} ready connections, from the spawner's output callback to a change-event subscriber; p50 ${percentile(latencies, 50).toFixed(3)} ms, max ${percentile(latencies, 100).toFixed(3)} ms`],
  };
}

/** P2b: every connection ready and silent: timers the engine fires, sets, or leaves set for later. */
async function idleWakeUps(clock: CountingClock): Promise<GoalResult> {
  // Let what the bring-up started (probes, first writes) finish before the quiet window.
  await sleep(200);
  clock.reset();
  const globalTimers = { created: 0 };
  const original = { setTimeout: global.setTimeout, setInterval: global.setInterval };
  // Anything set with the global timer functions instead of the engine's clock counts too.
  const windowEnd = sleep(QUIET_MS);
  global.setTimeout = ((...args: Parameters<typeof setTimeout>) => {
    globalTimers.created++;
    return original.setTimeout(...args);
  }) as typeof setTimeout;
  global.setInterval = ((...args: Parameters<typeof setInterval>) => {
    globalTimers.created++;
    return original.setInterval(...args);
  }) as typeof setInterval;
  try {
    await windowEnd;
  } finally {
    global.setTimeout = original.setTimeout;
    global.setInterval = original.setInterval;
  }
  const pending = clock.pendingSummary();
  const wakeUps = clock.fired + clock.created + globalTimers.created + pending.count;
  const notes = [
    `${CONNECTIONS} ready connections, no output for ${QUIET_MS / 1000} s: engine timers fired ${clock.fired}, set ${clock.created}, other timers set ${globalTimers.created}, engine timers still set for later ${pending.count}${pending.count ? ` (${pending.text})` : ''}`,
  ];
  if (pending.count > 0) notes.push('timers still set when nothing happens wake the extension host later: each counts as a wake-up');
  notes.push('not counted: the Devices view refresh (remoteit.refreshIntervalSeconds, only while the view is visible), which is the device list, not the connections');
  return { id: 'P2b', name: `idle wake-ups (${CONNECTIONS} ready, quiet connections)`, value: wakeUps, op: '=', limit: 0, unit: '', notes };
}

/** P2c: every connection prints 200 lines/s (uptime and throughput, as connectd does, only far faster). */
async function chattyUpdates(e: ScriptedEngine, ids: readonly string[]): Promise<GoalResult> {
  const events = new Map<string, number[]>(ids.map((id) => [id, []]));
  const terminalLines = new Map<string, number[]>(ids.map((id) => [id, []]));
  let counting = true;
  // The status bar and the tree rows redraw through the same core Coalescer the surfaces use.
  const barDraws: number[] = [];
  const statusBar = new Coalescer<string>(() => barDraws.push(performance.now()), REDRAW_MS, systemClock);
  const rows = new Coalescer<string>((changed) => changed.forEach((id) => events.get(id)?.push(performance.now())), REDRAW_MS, systemClock);
  const last = new Map<string, ConnectionSnapshot | undefined>(ids.map((id) => [id, e.manager.get(id)]));
  const subscription = e.manager.onDidChange((s) => {
    if (!counting || !events.has(s.id)) return;
    const at = performance.now();
    rows.add(s.id);
    // A task terminal writes what taskStory says for the change.
    for (const _ of taskStory(last.get(s.id), s).lines) terminalLines.get(s.id)!.push(at);
    last.set(s.id, s);
    statusBar.add(s.id);
  });
  const perTick = (CHATTY_LINES_PER_S * CHATTY_TICK_MS) / 1000;
  let n = 0;
  const started = performance.now();
  try {
    for (let tick = 0; performance.now() - started < CHATTY_MS; tick++) {
      for (const id of ids) {
        const chunk: string[] = [];
        for (let k = 0; k < perTick; k++, n++) chunk.push(k % 2 === 0 ? uptimeLine(n) : throughputLine(n));
        e.processOf(id).print(`${chunk.join('\n')}\n`);
      }
      await sleep(Math.max(0, started + (tick + 1) * CHATTY_TICK_MS - performance.now()));
    }
  } finally {
    counting = false;
    subscription.dispose();
    statusBar.dispose();
    rows.dispose();
  }
  const ended = performance.now();
  const seconds = (ended - started) / 1000;
  // The steady rate: updates after the first (which answers the first change at once), per second from it on.
  const rate = (times: readonly number[]) => (times.length < 2 ? 0 : (times.filter((at) => at <= ended).length - 1) / ((ended - times[0]) / 1000));
  const worst = (byId: Map<string, number[]>) => Math.max(...[...byId.values()].map(rate));
  const tree = worst(events);
  const terminal = worst(terminalLines);
  const bar = rate(barDraws);
  const surfaces = [
    { name: `Devices tree row refreshes (coalesced per ${REDRAW_MS} ms, as src/vscode/tree.ts does)`, rate: tree },
    { name: `status bar redraws (coalesced per ${REDRAW_MS} ms for all connections)`, rate: bar },
    { name: 'task terminal lines (taskStory)', rate: terminal },
  ];
  const worstSurface = surfaces.reduce((a, b) => (b.rate > a.rate ? b : a));
  return {
    id: 'P2c',
    name: `UI updates from a chatty connectd (${CHATTY_LINES_PER_S} lines/s each, ${CONNECTIONS} connections)`,
    value: Math.round(worstSurface.rate * 10) / 10,
    op: '≤',
    limit: 2,
    unit: '',
    per: '/s per connection',
    notes: [
      `${n.toLocaleString('en-US')} lines (half uptime, half !!throughput) in ${seconds.toFixed(1)} s, ${CHATTY_TICK_MS} ms chunks; value = the busiest surface: ${worstSurface.name}`,
      ...surfaces.map((s) => `${s.name}: ${s.rate.toFixed(1)}/s`),
    ],
  };
}

export async function engineEventGoals(): Promise<GoalResult[]> {
  const clock = new CountingClock();
  const e = await scriptedEngine(clock);
  try {
    const ids = Array.from({ length: CONNECTIONS }, (_, i) => benchRequest(3000 + i));
    for (const r of ids) await bringUp(e, r);
    const serviceIds = ids.map((r) => r.serviceId);
    const idle = await idleWakeUps(clock);
    const latency = await lineToEvent(e, serviceIds);
    const chatty = await chattyUpdates(e, serviceIds);
    return [latency, idle, chatty];
  } finally {
    await e.dispose();
  }
}
