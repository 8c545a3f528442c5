// The faults, each staged by scene.ts while one connection is live and another is connecting. A case says
// how to inject its fault, what outcome is right, and how to undo it; the scene judges the rest the same way
// for every case.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { STANDIN_ENV } from '../emulator/protocol';
import { SECOND_MS_ENV } from '../emulator/connectd/pace';
import { control, fixture, occupyPort, waitFor } from '../integration/support';
import { alive } from './machine';
import type { FaultCase, Scene } from './scene';

const config = () => vscode.workspace.getConfiguration('remoteit');

/** Connection `id` is in `state` (and, for failures, offers this next step). */
function outcome(s: Scene, id: string, state: string, action?: string): void {
  const x = s.a.connection(id);
  const who = id === s.live ? 'the live connection' : 'the connecting one';
  if (x?.state !== state) s.problems.push(`${who} ended ${x?.state ?? 'absent'}, expected ${state}${x?.failure ? ` (${x.failure.message})` : ''}`);
  else if (action && x.failure?.action !== action) s.problems.push(`${who} failed with "${x.failure?.action}", expected "${action}"`);
}

/** A message naming the fault was shown. */
function told(s: Scene, pattern: RegExp, what: string): void {
  if (!s.shown.some((m) => pattern.test(m.message))) s.problems.push(`no message said ${what}`);
}

async function front(s: Scene, route: string, body: unknown = {}): Promise<void> {
  const res = await fetch(`${s.plan.frontUrl}/__front${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`front ${route} → ${res.status}`);
}

function deviceOf(s: Scene, serviceId: string): string {
  const service = s.plan.webServices.find((w) => w.id === serviceId);
  if (!service) throw new Error(`${serviceId} is not one of the runner's web services`);
  return service.deviceId;
}

/** A loopback port that accepts TCP connections and never answers: remote.it's servers, silent. */
async function silentServer(s: Scene): Promise<string> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  silent.set(s, { server, sockets });
  return `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
}
const silent = new WeakMap<Scene, { server: net.Server; sockets: Set<net.Socket> }>();
/** Unread sockets never see their peer go, so close() would wait for ever: they are destroyed first. */
const closeSilent = async (s: Scene) => {
  const held = silent.get(s);
  if (!held) return;
  for (const socket of held.sockets) socket.destroy();
  await new Promise((r) => held.server.close(r));
};

/** A loopback port nothing listens on: every attempt to reach remote.it is refused at once. */
async function refusingServer(): Promise<string> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((r) => probe.close(r));
  return `http://127.0.0.1:${port}`;
}

/**
 * Makes a file or folder unchangeable, or changeable again. Root ignores file modes, so as root the immutable
 * attribute does it (chattr; even root cannot write, rename over or add to such a file or folder).
 */
function readOnly(target: string, on: boolean): void {
  const asRoot = process.getuid?.() === 0;
  if (asRoot && !on) execFileSync('chattr', ['-i', target]);
  const dir = fs.statSync(target).isDirectory();
  fs.chmodSync(target, on ? (dir ? 0o500 : 0o444) : dir ? 0o700 : 0o644);
  if (asRoot && on) execFileSync('chattr', ['+i', target]);
}

async function signInAgain(): Promise<void> {
  const f = fixture();
  await vscode.commands.executeCommand('remoteit.signIn', { email: f.account.email, password: f.account.password });
}

const held = new WeakMap<Scene, net.Server | number>();

export const FAULT_CASES: FaultCase[] = [
  {
    fault: 'connectd 011: auth hash revoked',
    during: async () => void (await control('/account/revoke-authhash', { email: fixture().account.email })),
    expect: async (s) => {
      outcome(s, s.connecting, 'failed', 'signIn');
      told(s, /sign in/i, 'to sign in again');
    },
    undo: signInAgain,
  },
  {
    fault: 'connectd 012: device offline',
    during: async (s) => void (await control('/device/offline', { id: deviceOf(s, s.connecting) })),
    expect: async (s) => {
      outcome(s, s.connecting, 'failed');
      outcome(s, s.live, 'ready');
      told(s, /offline|not reachable|cannot be reached|unreachable/i, 'the device is offline');
    },
    undo: async (s) => {
      await control('/device/online', { id: deviceOf(s, s.connecting) });
      await vscode.commands.executeCommand('remoteit.refresh');
    },
  },
  {
    fault: 'connectd 021: peer-to-peer unreachable',
    during: async (s) => void (await control('/service/p2p-fail', { id: s.connecting, fail: true })),
    expect: async (s) => {
      outcome(s, s.connecting, 'failed', 'unreachable');
      outcome(s, s.live, 'ready');
    },
    undo: async (s) => void (await control('/service/p2p-fail', { id: s.connecting, fail: false })),
  },
  {
    fault: 'connectd 017: port taken',
    before: async (s) => {
      // The connecting service has been connected before, so its port is the one the user knows it by.
      const wrapper = config().inspect<string>('connectd.path')?.globalValue;
      await config().update('connectd.path', s.plan.standIn, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('remoteit.connect', s.connecting);
      await waitFor(s.a, s.connecting, (x) => x.state === 'ready', 'the first connection of the service');
      await vscode.commands.executeCommand('remoteit.disconnect', s.connecting);
      await waitFor(s.a, s.connecting, (x) => x.state === 'idle', 'the service disconnected');
      await config().update('connectd.path', wrapper, vscode.ConfigurationTarget.Global);
    },
    during: async (s) => {
      const { port } = await waitFor(s.a, s.connecting, (x) => x.port !== undefined, 'the port of the connecting connection', 10_000);
      if (!port) throw new Error('the connecting connection has no port');
      held.set(s, await occupyPort(port));
      s.notes.push(`(port ${port} taken by another program)`);
    },
    expect: async (s) => {
      outcome(s, s.connecting, 'ready');
      told(s, /was in use/i, 'the connection moved to another port');
    },
    undo: async (s) => {
      const server = held.get(s);
      if (server instanceof net.Server) await new Promise((r) => server.close(r));
    },
  },
  {
    fault: 'connectd 020: peer drop',
    during: async (s) => {
      held.set(s, s.a.connection(s.live)?.port ?? 0);
      await control('/service/drop-peers', { id: s.live });
    },
    expect: async (s) => {
      outcome(s, s.live, 'ready');
      outcome(s, s.connecting, 'ready');
      if (s.a.connection(s.live)?.port !== held.get(s)) s.problems.push('the live connection came back on another port');
    },
  },
  {
    fault: 'connectd 014: remote.it unreachable',
    // The connecting connectd alone finds remote.it's servers refusing it, on a fast clock (its 60 s are 1.2 s).
    wrapper: async () => ({ env: { [STANDIN_ENV]: await refusingServer(), [SECOND_MS_ENV]: '20' } }),
    expect: async (s) => {
      outcome(s, s.connecting, 'failed');
      outcome(s, s.live, 'ready');
      told(s, /reach remote\.it|network/i, 'remote.it cannot be reached');
    },
  },
  {
    fault: 'never ready: start timeout (3 s)',
    before: async () => config().update('connectd.startTimeoutSeconds', 3, vscode.ConfigurationTarget.Global),
    wrapper: async (s) => ({ env: { [STANDIN_ENV]: await silentServer(s) } }),
    expect: async (s) => {
      outcome(s, s.connecting, 'failed');
      outcome(s, s.live, 'ready');
      told(s, /reach remote\.it|network|did not connect|within/i, 'the connection did not start in time');
    },
    undo: async (s) => {
      await config().update('connectd.startTimeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
      await closeSilent(s);
    },
  },
  {
    fault: 'connectd SIGKILL',
    during: async (s) => {
      const pid = s.a.connection(s.live)?.pid;
      held.set(s, pid ?? 0);
      if (pid) process.kill(pid, 'SIGKILL');
    },
    expect: async (s) => {
      outcome(s, s.live, 'ready');
      outcome(s, s.connecting, 'ready');
      if (alive(held.get(s) as number)) s.problems.push('the killed connectd is still there');
    },
  },
  {
    fault: 'connectd missing',
    before: async () => config().update('connectd.path', '/nonexistent/remoteit/connectd', vscode.ConfigurationTarget.Global),
    expect: async (s) => {
      outcome(s, s.connecting, 'failed');
      outcome(s, s.live, 'ready');
      told(s, /connectd/i, 'connectd is missing');
    },
  },
  {
    fault: 'connectd not executable',
    before: async (s) => {
      const file = path.join(path.dirname(s.plan.heapDir), 'connectd-not-executable');
      fs.writeFileSync(file, '#!/bin/sh\nexit 0\n', { mode: 0o644 });
      fs.chmodSync(file, 0o644);
      await config().update('connectd.path', file, vscode.ConfigurationTarget.Global);
    },
    expect: async (s) => {
      outcome(s, s.connecting, 'failed');
      outcome(s, s.live, 'ready');
      told(s, /connectd/i, 'connectd cannot be run');
    },
  },
  ...(['401', '429', '500', 'timeout', 'malformed JSON', 'redirect to another origin'] as const).map((kind): FaultCase => ({
    fault: `API ${kind}`,
    route: 'proxy',
    before: async (s) => {
      if (kind === '401') await control('/account/revoke-tokens', { email: fixture().account.email });
      else if (kind === '429') await control('/faults', { kind: '429', count: 1, retryAfter: 1 });
      else if (kind === '500') await control('/faults', { kind: '500', count: 1 });
      else if (kind === 'timeout') await control('/faults', { kind: 'slow', count: 1, delayMs: 35_000 });
      else if (kind === 'malformed JSON') await control('/faults', { kind: 'malformed', count: 1 });
      else await front(s, '/redirect', { count: 1 });
    },
    expect: async (s) => {
      outcome(s, s.live, 'ready');
      if (kind === '429') {
        outcome(s, s.connecting, 'ready');
        return;
      }
      const x = s.a.connection(s.connecting);
      if (x && x.state !== 'failed' && x.state !== 'idle') s.problems.push(`the proxy connection ended ${x.state}, expected it to fail`);
      if (kind === '401') told(s, /sign in/i, 'to sign in again');
      else if (kind === '500') told(s, /server|try again|later/i, 'remote.it had a server error');
      else if (kind === 'timeout') told(s, /answer|time|reach|network/i, 'remote.it did not answer');
      else if (kind === 'malformed JSON') told(s, /cannot read|could not read|unexpected/i, 'the answer could not be read');
      else told(s, /redirect|another address|elsewhere|address/i, 'the API sent it elsewhere');
    },
    undo: async (s) => {
      await control('/faults/clear');
      if (kind === 'redirect to another origin') await front(s, '/redirect', { count: 0 });
      if (kind === '401') await signInAgain();
    },
  })),
  {
    fault: 'provisioning folder not writable',
    before: async (s) => {
      const dir = s.machine.storageDir();
      if (!dir) throw new Error('the extension has no storage folder yet');
      fs.mkdirSync(path.join(dir, 'provisioning'), { recursive: true, mode: 0o700 });
      readOnly(path.join(dir, 'provisioning'), true);
    },
    expect: async (s) => {
      outcome(s, s.connecting, 'failed');
      outcome(s, s.live, 'ready');
    },
    undo: async (s) => readOnly(path.join(s.machine.storageDir()!, 'provisioning'), false),
  },
  {
    fault: 'user ssh config read-only',
    connecting: () => fixture().services.ssh.id,
    before: async (s) => readOnly(s.plan.userSshConfig, true),
    expect: async (s) => {
      outcome(s, s.connecting, 'ready');
      await vscode.commands.executeCommand('remoteit.open', s.connecting);
      await new Promise((r) => setTimeout(r, 1000));
      told(s, /Include /, 'the exact Include line to add');
      if ((fs.statSync(s.plan.userSshConfig).mode & 0o777) !== 0o444) s.problems.push('the read-only config changed its mode');
      const alias = `remoteit-${s.connecting.toLowerCase().replace(/:/g, '-')}`;
      if (!fs.readFileSync(s.a.sshIncludeFile(), 'utf8').includes(`Host ${alias}`)) s.problems.push('the managed Host block was not written');
    },
    undo: async (s) => {
      for (const t of vscode.window.terminals) t.dispose();
      readOnly(s.plan.userSshConfig, false);
    },
  },
  {
    fault: 'Host * in the user ssh config sets Port/HostName',
    connecting: () => fixture().services.ssh.id,
    before: async (s) => fs.appendFileSync(s.plan.userSshConfig, '\nHost *\n  Port 2222\n  HostName decoy.invalid\n'),
    expect: async (s) => {
      outcome(s, s.connecting, 'ready');
      await vscode.commands.executeCommand('remoteit.open', s.connecting);
      await new Promise((r) => setTimeout(r, 1000));
      const alias = `remoteit-${s.connecting.toLowerCase().replace(/:/g, '-')}`;
      const resolved = execFileSync('ssh', ['-G', '-F', s.plan.userSshConfig, alias], { encoding: 'utf8' });
      const port = /^port (\d+)$/m.exec(resolved)?.[1];
      const host = /^hostname (\S+)$/m.exec(resolved)?.[1];
      s.notes.push(`(ssh resolves ${alias} to ${host}:${port})`);
      if (Number(port) !== s.a.connection(s.connecting)?.port || host !== '127.0.0.1') s.problems.push(`ssh would go to ${host}:${port}, not the connection`);
    },
    undo: async () => {
      for (const t of vscode.window.terminals) t.dispose();
    },
  },
  {
    fault: 'connectd floods 1 MB/s of output',
    wrapper: async () => ({ floodBytesPerSecond: 1024 * 1024 }),
    expect: async (s) => {
      outcome(s, s.connecting, 'ready');
      const before = await s.machine.memory();
      await new Promise((r) => setTimeout(r, 6000));
      const after = await s.machine.memory();
      const grownMb = (after.heapUsed - before.heapUsed) / 2 ** 20;
      s.notes.push(`(heap ${(before.heapUsed / 2 ** 20).toFixed(0)} → ${(after.heapUsed / 2 ** 20).toFixed(0)} MB over 6 s of flood)`);
      if (grownMb > 32) s.problems.push(`the extension host heap grew ${grownMb.toFixed(0)} MB during the flood`);
      outcome(s, s.connecting, 'ready');
    },
  },
  {
    fault: 'device renamed while connected',
    during: async (s) => {
      await front(s, '/rename', { deviceId: deviceOf(s, s.live), name: 'Renamed rack' });
      await vscode.commands.executeCommand('remoteit.refresh');
    },
    expect: async (s) => {
      outcome(s, s.live, 'ready');
      outcome(s, s.connecting, 'ready');
      if (!s.a.devices().some((d) => d.name === 'Renamed rack')) s.problems.push('the device list does not show the new name');
    },
    undo: async (s) => front(s, '/rename', { deviceId: deviceOf(s, s.live) }),
  },
  {
    fault: 'device removed while connected',
    during: async (s) => {
      await front(s, '/hide', { deviceId: deviceOf(s, s.live) });
      await vscode.commands.executeCommand('remoteit.refresh');
    },
    expect: async (s) => {
      outcome(s, s.connecting, 'ready');
      if (s.a.devices().some((d) => d.id === deviceOf(s, s.live))) s.problems.push('the removed device is still listed');
    },
    undo: async (s) => {
      await front(s, '/hide', {});
      await vscode.commands.executeCommand('remoteit.refresh');
    },
  },
];
