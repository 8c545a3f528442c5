// P3 (the parts measured here in Node): a 10,000-device × 3-service account.
// - sign-in → tree: REST sign-in, the account query, every device page through the DeviceStore and the
//   view's rows, over HTTP from the emulator (a process of its own), against the raw fetch of exactly the
//   same requests (recorded from the client, replayed by plain fetch reading each body as text).
// - provideTasks' choice of tasks (taskCandidates) for that account, with live connections, favourites
//   and recently used services.
import { performance } from 'node:perf_hooks';
import { DeviceStore } from '../../../src/core/account/deviceStore';
import type { Logger } from '../../../src/core/connections/deps';
import type { ConnectionSnapshot } from '../../../src/core/connections/types';
import { RemoteItApi } from '../../../src/core/remoteit/api';
import { taskCandidates } from '../../../src/core/tasks/taskCandidates';
import { visibleDevices } from '../../../src/core/tree/deviceList';
import { DEFAULT_VIEW_PREFERENCES } from '../../../src/core/tree/viewPreferences';
import { ACCOUNT_SIZE, DEVICES, benchWorld, modelDevices } from '../account';
import { startEmulatorProcess } from '../emulatorProcess';
import type { InHostFigures } from '../inHostFigures';
import { median, ms, type GoalResult } from './goal';
import { HOW, whence } from './inHost';

const PAIRS = 15;
const WARMUP_PAIRS = 1;
const TASK_RUNS = 200;
const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

interface RecordedRequest {
  url: string;
  init: RequestInit;
}

/** The extension's way from "signed in" to the rows of the Devices view; records every request it sends. */
async function signInToTree(baseUrl: string, account: { email: string; password: string }, record?: RecordedRequest[]): Promise<number> {
  const recordingFetch = (async (url: string | URL | Request, init?: RequestInit) => {
    record?.push({ url: String(url), init: { ...init, signal: undefined } });
    return fetch(url, init);
  }) as typeof fetch;
  const started = performance.now();
  const login = await new RemoteItApi({ baseUrl, fetch: recordingFetch }).loginWithPassword(account.email, account.password);
  const api = new RemoteItApi({ baseUrl, fetch: recordingFetch }, { kind: 'token', token: login.token });
  await api.account();
  const store = new DeviceStore({ listDevices: (options) => api.listDevices(options) }, quiet);
  await store.refresh();
  const rows = visibleDevices(store.devices, { ...DEFAULT_VIEW_PREFERENCES, favourites: new Set() });
  const elapsed = performance.now() - started;
  if (rows.length !== DEVICES) throw new Error(`sign-in → tree showed ${rows.length} devices, expected ${DEVICES}`);
  return elapsed;
}

/** The same requests with nothing but fetch: each answer read to its last byte, nothing parsed. */
async function rawFetch(requests: readonly RecordedRequest[]): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  let bytes = 0;
  for (const r of requests) bytes += (await (await fetch(r.url, r.init)).text()).length;
  return { ms: performance.now() - started, bytes };
}

export async function signInToTreeGoal(): Promise<GoalResult> {
  const world = benchWorld();
  const account = world.accounts[0];
  const emulator = await startEmulatorProcess(world);
  try {
    const requests: RecordedRequest[] = [];
    await signInToTree(emulator.url, account, requests);
    const client: number[] = [];
    const raw: number[] = [];
    let bytes = 0;
    for (let i = 0; i < WARMUP_PAIRS + PAIRS; i++) {
      const first = i % 2 === 0;
      const a = first ? await signInToTree(emulator.url, account) : (await rawFetch(requests)).ms;
      const fetched = first ? await rawFetch(requests) : undefined;
      const b = first ? fetched!.ms : await signInToTree(emulator.url, account);
      if (fetched) bytes = fetched.bytes;
      if (i < WARMUP_PAIRS) continue;
      client.push(first ? a : b);
      raw.push(first ? b : a);
    }
    const ratio = median(client.map((c, i) => c / raw[i]));
    return {
      id: 'P3a',
      name: `sign-in → tree, ${ACCOUNT_SIZE} from the emulator over HTTP (÷ raw fetch of the same pages)`,
      value: ratio,
      op: '≤',
      limit: 1.25,
      unit: '×',
      notes: [
        `sign-in, account query, ${requests.length - 2} device pages, DeviceStore, view rows: ${ms(median(client))}; the same ${requests.length} requests by plain fetch: ${ms(median(raw))} (${(bytes / 1e6).toFixed(1)} MB of text); value = median of ${PAIRS} interleaved pairs' ratios`,
      ],
    };
  } finally {
    await emulator.close();
  }
}

/** A connection the manager would list: live ones and kept ones are offered first. */
function liveConnection(serviceId: string, i: number): ConnectionSnapshot {
  return { id: serviceId, request: { serviceId, name: `service ${i}`, deviceName: `device ${i}`, keepConnected: i % 4 === 0 }, route: 'p2p', state: i % 5 === 0 ? 'idle' : 'ready', bindAddress: '127.0.0.1', openTunnels: 0, reconnectAttempt: 0 };
}

/** P3c's goal: "Run Task" offers a bounded list (the provider caps it lower, at MAX_TASKS in taskCandidates.ts). */
const TASK_COUNT_GOAL = 50;

/**
 * P3c/P3d. With in-host figures, the values are those of the real provider as VS Code fetches it: its task count,
 * and provideTasks' own measure in each fetch. What the whole fetch costs beyond the same fetch of a task type whose
 * provider provides nothing (VS Code's handling of the tasks included) goes in the notes, as do the Node figures of
 * its choice of tasks, which stand in when no in-host figures exist.
 */
export async function provideTasksGoals(windows: readonly InHostFigures[]): Promise<GoalResult[]> {
  const devices = modelDevices(benchWorld());
  const store = new DeviceStore({ listDevices: async () => devices }, quiet);
  await store.refresh();
  const services = devices.flatMap((d) => d.services);
  const connections = services.filter((_, i) => i % 1500 === 0).map((s, i) => liveConnection(s.id, i));
  const favourites = new Set(devices.filter((_, i) => i % 50 === 0).map((d) => d.id));
  const recent = services.filter((_, i) => i % 997 === 0).map((s) => s.id);
  const times: number[] = [];
  let count = 0;
  for (let i = 0; i < TASK_RUNS; i++) {
    const started = performance.now();
    count = taskCandidates(store, connections, favourites, recent).length;
    times.push(performance.now() - started);
  }
  const setting = `${connections.length} connections, ${favourites.size} favourite devices, ${recent.length} recent services of ${services.length.toLocaleString('en-US')}`;
  const inNode = `in Node, taskCandidates over ${setting} (looked up in the device store's index): ${count} tasks, median ${ms(median(times))} of ${TASK_RUNS} runs (max ${ms(Math.max(...times))})`;
  const measured = windows.filter((w) => w.tasks?.provideMs?.length);
  const own = measured.flatMap((w) => w.tasks!.provideMs!);
  const counted = measured.length ? Math.max(...measured.map((w) => w.tasks!.count)) : undefined;
  const pairs = measured.flatMap((w) => (w.tasks!.emptyProviderFetchMs ?? []).map((baseline, i) => ({ total: w.tasks!.fetchMs[i], baseline })));
  const settled = measured.flatMap((w) => (w.tasks!.quietAfterMs === undefined ? [] : [w.tasks!.quietAfterMs]));
  const notes = measured.length
    ? [
        `in-host, vscode.tasks.fetchTasks({ type: 'connectd' }) with ${measured[0].tasks!.favouriteDevices} favourite devices: ${counted} provided tasks; provideTasks' own measure median ${ms(median(own))} (max ${ms(Math.max(...own))}) over ${own.length} fetches${settled.length ? `, timed once the host was quiet (after ${settled.map((q) => (q / 1000).toFixed(1)).join(', ')} s)` : ''}; ${whence(measured)}`,
        ...(pairs.length
          ? [
              `the whole fetch ${ms(median(pairs.map((p) => p.total)))} − the same fetch of a type whose provider provides nothing ${ms(median(pairs.map((p) => p.baseline)))}, fetched in turn: median difference ${ms(median(pairs.map((p) => p.total - p.baseline)))} over ${pairs.length} pairs — provideTasks, then VS Code's handling: the extension host asks the workbench for an id for each task that runs in the extension (one round trip per fetch, the tasks' messages sent together), then carries the tasks both ways`,
            ]
          : []),
        inNode,
      ]
    : [inNode, `in-host not measured: ${HOW}`];
  return [
    { id: 'P3c', name: `provideTasks task count (${ACCOUNT_SIZE} account)`, value: counted ?? count, op: '≤', limit: TASK_COUNT_GOAL, unit: '', notes },
    { id: 'P3d', name: `provideTasks time (${ACCOUNT_SIZE} account)`, value: measured.length ? median(own) : median(times), op: '≤', limit: 20, unit: 'ms', notes },
  ];
}
