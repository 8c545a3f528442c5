// Scripted API faults: the next N API requests (REST and GraphQL) are slow, throttled (429 + Retry-After),
// failing (500) or answered with malformed JSON. Plus counters of what the emulator served.
import type { ServerResponse } from 'node:http';
import { sendJson, sendText } from './httpIo';

export type FaultKind = 'slow' | '429' | '500' | 'malformed';
export const FAULT_KINDS: readonly FaultKind[] = ['slow', '429', '500', 'malformed'];

export interface FaultPlan {
  kind: FaultKind;
  /** How many of the next API requests get it (default 1). */
  count?: number;
  /** `slow`: the delay before answering normally (default 3000 ms). */
  delayMs?: number;
  /** `429`: the Retry-After seconds (default 1). */
  retryAfter?: number;
}

interface Pending {
  kind: FaultKind;
  remaining: number;
  delayMs: number;
  retryAfter: number;
}

export class ApiFaults {
  private readonly queue: Pending[] = [];

  add(plan: FaultPlan): void {
    if (!FAULT_KINDS.includes(plan.kind)) throw new Error(`unknown fault kind ${String(plan.kind)} (one of ${FAULT_KINDS.join(', ')})`);
    this.queue.push({ kind: plan.kind, remaining: Math.max(1, plan.count ?? 1), delayMs: plan.delayMs ?? 3000, retryAfter: plan.retryAfter ?? 1 });
  }

  clear(): void {
    this.queue.length = 0;
  }

  /** Takes the fault for the request now arriving, if one is planned. */
  take(): Pending | undefined {
    const head = this.queue[0];
    if (!head) return undefined;
    if (--head.remaining === 0) this.queue.shift();
    return head;
  }
}

/**
 * Acts out a fault. True when the response has been sent (the request must not be handled); a slow fault
 * only waits and lets the request through.
 */
export async function actOut(fault: Pending, res: ServerResponse): Promise<boolean> {
  switch (fault.kind) {
    case 'slow':
      await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      return false;
    case '429':
      sendJson(res, 429, { message: 'Too Many Requests' }, { 'retry-after': String(fault.retryAfter) });
      return true;
    case '500':
      sendJson(res, 500, { message: 'Internal server error' });
      return true;
    case 'malformed':
      sendText(res, 200, '{"data":{"login":{"devices":{"total":', { 'content-type': 'application/json; charset=utf-8' });
      return true;
  }
}

export interface CounterSnapshot {
  /** Every request the emulator answered (API, connectd sessions; not the control endpoint). */
  total: number;
  /** By `METHOD /path` (query string dropped). */
  byRoute: Record<string, number>;
  /** Faults acted out, by kind. */
  faults: Record<FaultKind, number>;
  /** connectd stand-in sessions: how many were opened and are open now. */
  connectdSessions: { opened: number; open: number };
}

export class RequestCounters {
  private total = 0;
  private byRoute: Record<string, number> = {};
  private faults = emptyFaultCounts();
  opened = 0;

  served(route: string): void {
    this.total++;
    this.byRoute[route] = (this.byRoute[route] ?? 0) + 1;
  }

  faulted(kind: FaultKind): void {
    this.faults[kind]++;
  }

  snapshot(openSessions: number): CounterSnapshot {
    return { total: this.total, byRoute: { ...this.byRoute }, faults: { ...this.faults }, connectdSessions: { opened: this.opened, open: openSessions } };
  }

  reset(): void {
    this.total = 0;
    this.byRoute = {};
    this.faults = emptyFaultCounts();
    this.opened = 0;
  }
}

function emptyFaultCounts(): Record<FaultKind, number> {
  return { slow: 0, '429': 0, '500': 0, malformed: 0 };
}
