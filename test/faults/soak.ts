// The soak: many connect → ready → traffic → disconnect cycles in one window, several at a time over several
// services, peer-to-peer and through the remote.it proxy, with the extension host's resources read before
// and after (the runner counts the event listeners in the two heap snapshots).
import * as vscode from 'vscode';
import type { RemoteItExtensionApi } from '../../src/api';
import { fixture, httpGet, signIn, waitFor } from '../integration/support';
import type { Machine } from './machine';
import type { FaultPlan, SoakFigures } from './plan';
import { settleIdle } from './scene';

/** Cycles running at once; each works through its own services, so no two touch the same connection. */
const WORKERS = 4;
/** Every fourth cycle goes through the remote.it proxy. */
const PROXY_EVERY = 4;
/** Cycles before the first reading, so lazily created things (a first spawn, first API client) are there on both sides. */
const WARM_UP = 8;

export async function soak(plan: FaultPlan, machine: Machine): Promise<SoakFigures> {
  const a = await signIn();
  await settleIdle(a);
  await vscode.workspace.getConfiguration('remoteit').update('connectd.path', plan.standIn, vscode.ConfigurationTarget.Global);
  const services = plan.webServices.map((w) => w.id);
  const expectBody = new RegExp(fixture().services.http.expectBody);
  const failedCycles: string[] = [];
  let p2p = 0;
  let proxy = 0;
  const run = async (cycles: number) => {
    let next = 0;
    const worker = async (w: number) => {
      const mine = services.filter((_, i) => i % WORKERS === w);
      for (let n = next++; n < cycles; n = next++) {
        const id = mine[Math.floor(n / WORKERS) % mine.length];
        const viaProxy = n % PROXY_EVERY === PROXY_EVERY - 1;
        try {
          await cycle(a, id, viaProxy, expectBody);
          if (viaProxy) proxy++;
          else p2p++;
        } catch (err) {
          failedCycles.push(`${n} ${viaProxy ? 'proxy' : 'p2p'} ${id}: ${err instanceof Error ? err.message : String(err)}`);
          await vscode.commands.executeCommand('remoteit.disconnect', id).then(undefined, () => undefined);
        }
      }
    };
    await Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)));
  };
  await run(WARM_UP);
  await settleIdle(a);
  // Writing a heap snapshot grows the resident size for good: no snapshot is written between the two readings.
  const beforeSnapshot = machine.heapSnapshot('soak-before');
  const before = { ...(await machine.sample()), heapSnapshot: beforeSnapshot };
  const started = Date.now();
  p2p = 0;
  proxy = 0;
  await run(plan.soakCycles);
  const seconds = Math.round((Date.now() - started) / 1000);
  await settleIdle(a);
  // The last API calls' own time limits (30 s) are still armed for a while: give them until they would have fired.
  await new Promise((r) => setTimeout(r, 32_000));
  const after = await machine.sample();
  after.heapSnapshot = machine.heapSnapshot('soak-after');
  return { cycles: p2p + proxy, p2p, proxy, failedCycles, seconds, before, after };
}

async function cycle(a: RemoteItExtensionApi, id: string, viaProxy: boolean, expectBody: RegExp): Promise<void> {
  if (viaProxy) await vscode.commands.executeCommand('remoteit.connectProxy', id, { hostIp: '255.255.255.255' });
  else await vscode.commands.executeCommand('remoteit.connect', id);
  const ready = await waitFor(a, id, (s) => s.state === 'ready', `${id} ready`, 30_000);
  const body = viaProxy ? await (await fetch(ready.proxy!.url)).text() : await httpGet(ready.port!);
  if (!expectBody.test(body)) throw new Error(`traffic through ${viaProxy ? ready.proxy?.url : ready.port} did not reach the service`);
  await vscode.commands.executeCommand('remoteit.disconnect', id);
  await waitFor(a, id, (s) => s.state === 'idle', `${id} idle`, 30_000);
}
