// One fault, staged the same way every time: a connection live, another one connecting (held at its
// connectd's start by a wrapper, or a cloud-proxy connect in flight), the fault injected, then everything
// read back — what the user was shown, what the extension shows against the real processes and ports, what
// was left behind once the user disconnects, and whether the user's files and marks survived.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { RemoteItExtensionApi } from '../../src/api';
import type { ConnectionSnapshot } from '../../src/core/connections/types';
import { answerDialogs, signIn, waitFor } from '../integration/support';
import { accepts, alive, Machine } from './machine';
import type { FaultPlan, FaultRow } from './plan';
import { writeWrapper, type Wrapper, type WrapperOptions } from './wrappers';

export interface Shown {
  message: string;
  buttons: string[];
}

export interface Scene {
  a: RemoteItExtensionApi;
  plan: FaultPlan;
  machine: Machine;
  /** The live connection's service. */
  live: string;
  /** The connecting one's service. */
  connecting: string;
  shown: Shown[];
  wrapper?: Wrapper;
  /** Free-form notes a case adds to "what the user saw" (e.g. a measured figure). */
  notes: string[];
  /** Problems a case found with the outcome. */
  problems: string[];
}

export interface FaultCase {
  fault: string;
  /** How the second connection connects while the fault happens (default p2p). */
  route?: 'p2p' | 'proxy';
  live?: (plan: FaultPlan) => string;
  connecting?: (plan: FaultPlan) => string;
  /** The connecting connectd's wrapper options (default: only held at the gate). */
  wrapper?: (s: Scene) => Promise<Omit<WrapperOptions, 'serviceId'>>;
  /** Before the second connection starts (API faults, settings, files). */
  before?(s: Scene): Promise<void>;
  /** While the second one is held connecting (p2p only). */
  during?(s: Scene): Promise<void>;
  /** After both settled: checks of the outcome this fault should have, pushed to s.problems. */
  expect(s: Scene): Promise<void>;
  /** Undoes the fault (always runs). */
  undo?(s: Scene): Promise<void>;
}

const NEXT_STEP = /sign in|try again|retry|reconnect|connect again|check|install|settings?\b|choose|use |add this line|diagnostics|later|refresh|free|set /i;
const NOT_FOR_USERS = /\n\s+at |\b(TypeError|ReferenceError|SyntaxError|RangeError)\b|\[object Object\]|\bundefined\b|\bNaN\b|E[A-Z]{3,}:/;
const TRANSIENT = new Set(['starting', 'reconnecting', 'stopping']);

export async function stage(c: FaultCase, plan: FaultPlan, machine: Machine, wrapperDir: string): Promise<FaultRow> {
  const a = await signIn();
  await settleIdle(a);
  const live = (c.live ?? ((p) => p.webServices[0].id))(plan);
  const connecting = (c.connecting ?? ((p) => p.webServices[1].id))(plan);
  let files = userFiles(plan);
  const config = vscode.workspace.getConfiguration('remoteit');
  // Every scene starts from the stand-in itself and the default start timeout, whatever an earlier one left.
  await config.update('connectd.path', plan.standIn, vscode.ConfigurationTarget.Global);
  await config.update('connectd.startTimeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
  const s: Scene = { a, plan, machine, live, connecting, shown: [], notes: [], problems: [] };
  let recorder: { restore(): void } | undefined;
  let state = '';
  try {
    // The live connection, marked Keep Connected, before anything is recorded: what it says is not the fault's.
    await vscode.commands.executeCommand('remoteit.connect', live);
    const first = await waitFor(a, live, (x) => x.state === 'ready', 'the live connection');
    if (!first.request.keepConnected) await vscode.commands.executeCommand('remoteit.keepConnected', live);
    recorder = recordDialogs(s.shown);
    if ((c.route ?? 'p2p') === 'p2p') {
      s.wrapper = writeWrapper(wrapperDir, plan.standIn, { serviceId: connecting, ...(await c.wrapper?.(s)) });
      await config.update('connectd.path', s.wrapper.path, vscode.ConfigurationTarget.Global);
    }
    await c.before?.(s);
    // What the case itself wrote into the user's files (their own edit, like a `Host *`) is theirs to keep.
    files = userFiles(plan);
    const started = c.route === 'proxy'
      ? vscode.commands.executeCommand('remoteit.connectProxy', connecting, { hostIp: '255.255.255.255' })
      : vscode.commands.executeCommand('remoteit.connect', connecting);
    const commandDone = Promise.resolve(started).then(
      () => undefined,
      (err: unknown) => s.problems.push(`the Connect command threw: ${String(err)}`),
    );
    if (s.wrapper && (c.route ?? 'p2p') === 'p2p') {
      const held = await Promise.race([s.wrapper.held().then(() => true), commandDone.then(() => false)]);
      if (held) {
        await c.during?.(s);
        s.wrapper.open();
      } else if (c.during) {
        s.problems.push('the second connection never reached connectd, so the fault did not land while it was connecting');
      }
    }
    await withTimeout(commandDone, 60_000, 'the Connect command did not return');
    await settled(a, 45_000);
    await c.expect(s);
    s.problems.push(...(await checkAgainstReality(a, machine)));
    state = describeState(a.connections(), live, connecting);
    if (!a.connection(live)?.request.keepConnected) s.problems.push('the live connection lost its Keep Connected mark');
    s.problems.push(...judgeMessages(a.connections().filter((x) => x.id === live || x.id === connecting), s.shown));
  } catch (err) {
    s.problems.push(`the scene did not play out: ${err instanceof Error ? err.message : String(err)}`);
    state ||= describeState(a.connections(), live, connecting);
  } finally {
    s.wrapper?.open();
    // Messages of the clean-up (a sign-in, say) are not the fault's; the recorder still answers for them.
    const faultMessages = s.shown.length;
    await c.undo?.(s).catch((err: unknown) => s.problems.push(`undoing the fault failed: ${String(err)}`));
    await config.update('connectd.path', plan.standIn, vscode.ConfigurationTarget.Global);
    s.shown.splice(faultMessages);
    recorder?.restore();
  }
  s.problems.push(...(await leftBehind(a, machine)));
  const lost = lostData(files, plan);
  return {
    fault: c.fault,
    saw: describeShown(s.shown, s.notes),
    state,
    lost: lost.length ? lost.join('; ') : 'none',
    clean: s.problems.length === 0 && lost.length === 0,
    problems: s.problems,
  };
}

/** Records notifications and modal dialogs with their buttons; answers the sign-out confirmation, dismisses the rest. */
function recordDialogs(shown: Shown[]): { restore(): void } {
  return answerDialogs((message, buttons) => {
    shown.push({ message, buttons });
    return buttons.find((b) => b.startsWith('Sign Out and Disconnect'));
  });
}

/** Every connection idle or failed (after Disconnect All), so a scene starts from nothing. */
export async function settleIdle(a: RemoteItExtensionApi): Promise<void> {
  await vscode.commands.executeCommand('remoteit.disconnectAll');
  await settled(a, 30_000);
}

/** Waits until no connection is starting, reconnecting or stopping, and it stays so for a moment. */
export async function settled(a: RemoteItExtensionApi, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let calmSince = 0;
  while (Date.now() < deadline) {
    const busy = a.connections().some((x) => TRANSIENT.has(x.state));
    if (busy) calmSince = 0;
    else if (!calmSince) calmSince = Date.now();
    else if (Date.now() - calmSince > 1500) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`connections still busy after ${timeoutMs / 1000} s: ${describeState(a.connections(), '', '')}`);
}

/**
 * What the extension shows against what runs: a ready connection has its connectd alive and its port
 * answering; an ended one has no process; and no connectd of this run runs for nothing. Re-read for a few
 * seconds, since an ending process takes a moment to go.
 */
export async function checkAgainstReality(a: RemoteItExtensionApi, machine: Machine): Promise<string[]> {
  let problems: string[] = [];
  for (let attempt = 0; attempt < 25; attempt++) {
    problems = [];
    const running = new Set(machine.connectdPids());
    const expected = new Set<number>();
    for (const x of a.connections()) {
      if (x.state === 'ready' && x.route === 'p2p') {
        if (!x.pid || !running.has(x.pid)) problems.push(`${x.request.name} is shown ready but its connectd (pid ${x.pid}) is not running`);
        else expected.add(x.pid);
        if (!x.port || !(await accepts(x.port))) problems.push(`${x.request.name} is shown ready on port ${x.port}, which does not answer`);
      } else if (x.state === 'ready' && x.route === 'proxy') {
        if (!x.proxy) problems.push(`${x.request.name} is shown ready without a proxy address`);
      } else if (alive(x.pid) && running.has(x.pid!)) {
        problems.push(`${x.request.name} is shown ${x.state} but its connectd (pid ${x.pid}) still runs`);
      }
    }
    for (const pid of running) if (!expected.has(pid)) problems.push(`connectd pid ${pid} runs but no connection shows it`);
    if (problems.length === 0) return [];
    await new Promise((r) => setTimeout(r, 200));
  }
  return problems;
}

/** After Disconnect All: no connectd, no port, no provisioning or pid file of this run may be left. */
export async function leftBehind(a: RemoteItExtensionApi, machine: Machine): Promise<string[]> {
  try {
    await settleIdle(a);
  } catch (err) {
    return [`Disconnect All did not finish: ${String(err)}`];
  }
  const deadline = Date.now() + 10_000;
  let left: string[] = [];
  do {
    left = [
      ...machine.connectdPids().map((pid) => `connectd pid ${pid}`),
      ...machine.connectdPorts().map((port) => `port ${port}`),
      ...machine.provisioningFiles().map((f) => `provisioning file ${f.split('/').pop()}`),
      ...machine.pidFiles().map((f) => `pid file ${f.split('/').pop()}`),
    ];
    if (left.length === 0) return [];
    await new Promise((r) => setTimeout(r, 250));
  } while (Date.now() < deadline);
  return [`left behind after Disconnect All: ${left.join(', ')}`];
}

/**
 * A failure the user has to act on must be told, once, in words with a next step (a button or a sentence that
 * says what to do); nothing shown may read like a program's insides. A fault the extension recovered from
 * quietly needs no message.
 */
export function judgeMessages(connections: ConnectionSnapshot[], shown: Shown[]): string[] {
  const problems: string[] = [];
  const ended = connections.filter((x) => x.failure && (x.state === 'failed' || x.state === 'idle'));
  if (ended.length > 0 && shown.length === 0) problems.push(`no message told the user that ${ended.map((x) => x.request.name).join(', ')} failed`);
  const bodies = shown.map((m) => m.message.replace(/^remote\.it: /, ''));
  const repeated = bodies.find((b, i) => bodies.some((other, j) => j !== i && other !== b && other.endsWith(`: ${b}`)) || bodies.indexOf(b) !== i);
  if (repeated) problems.push(`the user was told the same thing twice: ${JSON.stringify(repeated.slice(0, 120))}`);
  for (const m of shown) {
    if (NOT_FOR_USERS.test(m.message)) problems.push(`a message reads like the program's insides: ${JSON.stringify(m.message.slice(0, 200))}`);
    if (m.buttons.length === 0 && !NEXT_STEP.test(m.message) && /fail|could not|cannot|error|refused|not /i.test(m.message)) {
      problems.push(`a failure message gives no next step: ${JSON.stringify(m.message.slice(0, 200))}`);
    }
  }
  return problems;
}

interface UserFiles {
  sshConfig: string;
  tasks?: string;
}

function userFiles(plan: FaultPlan): UserFiles {
  const tasks = tasksFile();
  return { sshConfig: readOr(plan.userSshConfig), ...(tasks ? { tasks: readOr(tasks) } : {}) };
}

/** The user's files as they were, allowing only the extension's one Include line at the top of the ssh config. */
function lostData(before: UserFiles, plan: FaultPlan): string[] {
  const lost: string[] = [];
  const config = readOr(plan.userSshConfig);
  if (!config.endsWith(before.sshConfig)) lost.push(`${plan.userSshConfig} changed beyond the Include line`);
  const tasks = tasksFile();
  if (before.tasks !== undefined && (!tasks || readOr(tasks) !== before.tasks)) lost.push('.vscode/tasks.json changed');
  return lost;
}

function tasksFile(): string | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  return folder ? `${folder}/.vscode/tasks.json` : undefined;
}

function readOr(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** "live ready :33012 · new failed" — the two scene connections, then any other. */
export function describeState(all: ConnectionSnapshot[], live: string, connecting: string): string {
  const one = (x: ConnectionSnapshot) => {
    const where = x.route === 'proxy' ? (x.proxy ? ` ${x.proxy.address}` : '') : x.port ? ` :${x.port}` : '';
    const why = x.failure ? ` (${x.failure.action})` : '';
    return `${x.state}${x.state === 'ready' ? where : why}${x.route === 'proxy' ? ' proxy' : ''}`;
  };
  const parts: string[] = [];
  const l = all.find((x) => x.id === live);
  const n = all.find((x) => x.id === connecting);
  if (l) parts.push(`live ${one(l)}`);
  if (n) parts.push(`new ${one(n)}`);
  for (const x of all) if (x !== l && x !== n && x.state !== 'idle') parts.push(`${x.request.name} ${one(x)}`);
  return parts.join(' · ') || 'none';
}

function describeShown(shown: Shown[], notes: string[]): string {
  const messages = shown.map((m) => {
    const text = m.message.replace(/^remote\.it: /, '');
    const cut = text.length > 110 ? `${text.slice(0, 107)}…` : text;
    return m.buttons.length ? `${cut} [${m.buttons.join('|')}]` : cut;
  });
  return [...messages, ...notes].join(' / ') || 'nothing (nothing to tell)';
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(what)), ms)))]).finally(() => clearTimeout(timer));
}
