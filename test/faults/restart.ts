// The two faults that end the extension host itself: a window reload (VS Code stops the extension, which
// stops its connections) and a crash (SIGKILL: nothing runs, connectd is orphaned). Either way one connection
// is live (and marked Keep Connected) and another is connecting at that moment; the next extension host must
// find nothing of the old one running — no connectd, no provisioning file — and restore the kept connection.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { api, fixture, signIn, waitFor } from '../integration/support';
import { alive, type Machine } from './machine';
import type { FaultPlan, FaultRow, Phase } from './plan';
import { update } from './results';
import { checkAgainstReality, describeState, judgeMessages, leftBehind, settleIdle } from './scene';
import { writeWrapper } from './wrappers';

interface Carried {
  live: string;
  connecting: string;
  /** connectd processes (and the held wrapper) running when the host went. */
  pids: number[];
  provisioningFiles: string[];
  userSshConfig: string;
}

/** Sets the scene and records what the next phase checks; the caller then ends this extension host. */
export async function prepareRestart(p: FaultPlan, machine: Machine, next: Phase): Promise<void> {
  const a = await signIn();
  await settleIdle(a);
  const [live, connecting] = [p.webServices[2].id, p.webServices[3].id];
  await vscode.commands.executeCommand('remoteit.connect', live);
  await waitFor(a, live, (s) => s.state === 'ready', 'the live connection');
  await vscode.commands.executeCommand('remoteit.keepConnected', live);
  const config = vscode.workspace.getConfiguration('remoteit');
  const wrapper = writeWrapper(path.join(fixture().outputDir, 'faults-wrappers'), p.standIn, { serviceId: connecting });
  await config.update('connectd.path', wrapper.path, vscode.ConfigurationTarget.Global);
  void vscode.commands.executeCommand('remoteit.connect', connecting);
  await wrapper.held();
  const carried: Carried = {
    live,
    connecting,
    pids: machine.connectdPids(),
    provisioningFiles: machine.provisioningFiles(),
    userSshConfig: fs.readFileSync(p.userSshConfig, 'utf8'),
  };
  update(p, (r) => {
    r.phase = next;
    r.carry = carried as unknown as Record<string, unknown>;
  });
}

/** In the new extension host: what the old one left must be gone, and the kept connection back. */
export async function checkAfterRestart(p: FaultPlan, machine: Machine, fault: string, carry: Record<string, unknown> | undefined): Promise<FaultRow> {
  const c = carry as unknown as Carried;
  const problems: string[] = [];
  const a = await api();
  // The kept connection is restored by this window's start; until then the old processes may still be going.
  await waitFor(a, c.live, (s) => s.state === 'ready', 'the kept connection restored', 40_000).catch((err: unknown) => problems.push(String(err)));
  const deadline = Date.now() + 20_000;
  while (c.pids.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  const survivors = c.pids.filter(alive);
  if (survivors.length) problems.push(`connectd of the old extension host still running: pid ${survivors.join(', ')}`);
  const oldFiles = c.provisioningFiles.filter((f) => fs.existsSync(f));
  if (oldFiles.length) problems.push(`provisioning files of the old extension host left: ${oldFiles.map((f) => path.basename(f)).join(', ')}`);
  const connecting = a.connection(c.connecting);
  if (connecting && connecting.state !== 'idle' && connecting.state !== 'failed') problems.push(`the connection that was connecting came back (${connecting.state}) though it was not kept`);
  const restored = a.connection(c.live);
  const state = describeState(a.connections(), c.live, c.connecting);
  problems.push(...(await checkAgainstReality(a, machine)));
  problems.push(...judgeMessages(a.connections(), []));
  await vscode.workspace.getConfiguration('remoteit').update('connectd.path', p.standIn, vscode.ConfigurationTarget.Global);
  const lost: string[] = [];
  if (!fs.readFileSync(p.userSshConfig, 'utf8').endsWith(c.userSshConfig)) lost.push('the user ssh config changed');
  if (restored && !restored.request.keepConnected) lost.push('the Keep Connected mark');
  problems.push(...(await leftBehind(a, machine)));
  await settleIdle(a);
  return {
    fault,
    saw: restored?.state === 'ready' ? `nothing (kept connection back on :${restored.port})` : 'nothing',
    state,
    lost: lost.join('; ') || 'none',
    clean: problems.length === 0 && lost.length === 0,
    problems,
  };
}
