// Test doubles for the engine: a clock that only moves when told, a spawner whose processes are scripted by
// the test, an in-memory store, and a process table.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { ProcessTable } from '../../../src/core/connectd/processTable';
import type { KillSignal, ProcessExit, ProcessOutput, SpawnedProcess, Spawner } from '../../../src/core/connectd/spawner';
import type { Clock, TimerHandle } from '../../../src/core/clock';
import type { KeyValueStore, Logger } from '../../../src/core/connections/deps';

/** Lets pending promise chains and real (fs) I/O callbacks run. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** Waits (in real time, generously) until the condition holds. */
export async function until(condition: () => boolean, what = 'condition', timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

interface Timer {
  at: number;
  seq: number;
  callback: () => void;
}

export class FakeClock implements Clock {
  private time = 1_000_000;
  private seq = 0;
  private readonly timers = new Map<number, Timer>();

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const seq = ++this.seq;
    this.timers.set(seq, { at: this.time + Math.max(0, ms), seq, callback });
    return seq;
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers.delete(handle as number);
  }

  /** Delays of the timers now pending, soonest first. */
  pending(): number[] {
    return [...this.timers.values()].map((t) => t.at - this.time).sort((a, b) => a - b);
  }

  /** Moves time forward, firing due timers in order and letting the work they start settle. */
  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    for (;;) {
      const next = [...this.timers.values()].filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!next) break;
      this.timers.delete(next.seq);
      this.time = next.at;
      next.callback();
      await settle();
    }
    this.time = target;
    await settle();
  }
}

/** What the real connectd 4.6 prints after its `!!exit` line (no `process closed` trailer since 4.6). */
export const EXIT_TAIL: readonly string[] = [
  'connectd terminated, freeing up resources',
  '!!status session tx bytes 0',
  '!!status session rx bytes 0',
  '!!status re-transmit pkts 0',
  '!!status dup-in pkts 0',
  '!!status out of order pkts 0',
];

export class FakeProcess implements SpawnedProcess {
  readonly signals: KillSignal[] = [];
  /** Modes of the provisioning file and its directory at spawn time. */
  fileMode?: number;
  dirMode?: number;
  /** When true, SIGTERM is ignored (only SIGKILL ends it). */
  ignoreTerm = false;
  private done = false;
  private resolveExit!: (exit: ProcessExit) => void;
  readonly exited = new Promise<ProcessExit>((resolve) => (this.resolveExit = resolve));

  constructor(
    readonly pid: number,
    readonly command: string,
    readonly args: readonly string[],
    private readonly output: ProcessOutput,
    /** The provisioning file's content at spawn time (for -f). */
    readonly provisioning: string | undefined,
  ) {}

  get running(): boolean {
    return !this.done;
  }

  print(text: string): void {
    if (!this.done) this.output.stdout(text);
  }

  /** Prints lines (each with \n). */
  lines(...lines: string[]): void {
    this.print(lines.map((l) => `${l}\n`).join(''));
  }

  exit(code: number | null, signal: string | null = null): void {
    if (this.done) return;
    this.done = true;
    this.resolveExit({ code, signal });
  }

  /** connectd 4.6's own exit sequence: the `!!exit` line, the clean-up lines, then the matching exit status. */
  exitWith(code: number, message: string): void {
    this.lines(`!!exit [${String(code).padStart(3, '0')}] : ${message}`, ...EXIT_TAIL);
    this.exit(code);
  }

  kill(signal: KillSignal): void {
    this.signals.push(signal);
    if (signal === 'SIGKILL') this.exit(null, 'SIGKILL');
    else if (!this.ignoreTerm) this.exitWith(3, 'termination from signal 15');
  }
}

export class FakeSpawner implements Spawner {
  readonly processes: FakeProcess[] = [];
  private nextPid = 40_000;
  failNext?: Error;

  async spawn(command: string, args: readonly string[], output: ProcessOutput): Promise<SpawnedProcess> {
    if (this.failNext) {
      const err = this.failNext;
      this.failNext = undefined;
      throw err;
    }
    const fileIndex = args.indexOf('-f');
    const file = fileIndex >= 0 ? args[fileIndex + 1] : undefined;
    const provisioning = file ? await fs.readFile(file, 'utf8') : undefined;
    const child = new FakeProcess(this.nextPid++, command, args, output, provisioning);
    if (file) {
      child.fileMode = (await fs.stat(file)).mode & 0o777;
      child.dirMode = (await fs.stat(path.dirname(file))).mode & 0o777;
    }
    this.processes.push(child);
    return child;
  }

  get last(): FakeProcess {
    const child = this.processes[this.processes.length - 1];
    if (!child) throw new Error('nothing was spawned');
    return child;
  }

  /** The most recent process once it has been spawned. */
  async next(count: number): Promise<FakeProcess> {
    await until(() => this.processes.length >= count, `spawn #${count}`);
    return this.processes[count - 1];
  }
}

export class MemoryStore implements KeyValueStore {
  readonly data = new Map<string, unknown>();

  get<T>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }

  async set(key: string, value: unknown): Promise<void> {
    this.data.set(key, JSON.parse(JSON.stringify(value ?? null)));
  }
}

export class RecordingLogger implements Logger {
  readonly lines: string[] = [];
  info(message: string): void {
    this.lines.push(`info ${message}`);
  }
  warn(message: string): void {
    this.lines.push(`warn ${message}`);
  }
  error(message: string): void {
    this.lines.push(`error ${message}`);
  }
}

/** Processes "left by an earlier window": alive until killed, with a given command line. */
export class FakeProcessTable implements ProcessTable {
  readonly alive = new Map<number, string>();
  readonly signals: [number, KillSignal][] = [];
  ignoreTerm = false;

  isAlive(pid: number): boolean {
    return this.alive.has(pid);
  }

  async commandLine(pid: number): Promise<string | undefined> {
    return this.alive.get(pid);
  }

  kill(pid: number, signal: KillSignal): void {
    this.signals.push([pid, signal]);
    if (signal === 'SIGKILL' || !this.ignoreTerm) this.alive.delete(pid);
  }
}
