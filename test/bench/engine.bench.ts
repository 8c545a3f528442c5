// The connection engine's own overhead (src/core/connections/manager.ts): start → ready → stop with the unit
// tests' scripted processes and clock (test/unit/connections/fakes.ts), so connectd costs nothing and what is
// left is the engine: launch (provisioning and pid files on a real temp disk), output parsing, state changes
// and events, the readiness probe, stop and clean-up.
import type { ConnectionRequest } from '../../src/core/connections/types';
import { measure, type Section } from './measure';
import { benchRequest as request, bringUp, scriptedEngine, type ScriptedEngine } from './scriptedEngine';

async function cycle(e: ScriptedEngine, requests: readonly ConnectionRequest[]): Promise<void> {
  await Promise.all(requests.map((r) => bringUp(e, r)));
  await Promise.all(requests.map((r) => e.manager.stop(r.serviceId)));
  for (const r of requests) if (e.manager.get(r.serviceId)?.state !== 'idle') throw new Error(`engine bench: ${r.name} did not stop`);
}

export const engineSection: Section = {
  title: '4. Connection engine: ConnectionManager over scripted processes',
  async run() {
    const e = await scriptedEngine();
    try {
      const hundred = Array.from({ length: 100 }, (_, i) => request(i));
      const one = [request(1000)];
      const rows = [
        await measure('100 connections at once: start → ready → stop', () => cycle(e, hundred), { unitsPerOp: 100, unit: 'cycles', size: '100 connections', minMs: 2000 }),
        await measure('1 connection: start → ready → stop', () => cycle(e, one), { unit: 'cycles', minMs: 1000 }),
      ];

      // A ready connection receiving throughput lines: split, secret scrub, parse, snapshot and event per line.
      const r = request(2000);
      await bringUp(e, r);
      const child = e.processOf(r.serviceId);
      let events = 0;
      const counting = e.manager.onDidChange(() => events++);
      const batch = Array.from({ length: 1000 }, (_, i) => `!!throughput txBps=${i * 31} rxBps=${i * 97} pl=100000\n`).join('');
      rows.push(await measure('ready connection: !!throughput lines → change events', () => child.print(batch), { unitsPerOp: 1000, unit: 'lines', size: '1,000 lines', minMs: 1000 }));
      counting.dispose();
      if (events === 0) throw new Error('engine bench: throughput lines raised no change events');
      return { rows };
    } finally {
      await e.dispose();
    }
  },
};
