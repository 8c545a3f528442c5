// Shared helpers for the in-host tests: the fixture, the extension's API, waiting for connection states.
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as http from 'node:http';
import * as vscode from 'vscode';
import { FIXTURE_ENV, type TestFixture } from '../fixture';
import type { RemoteItExtensionApi } from '../../src/api';
import type { ConnectionSnapshot, ConnectionState } from '../../src/core/connections/types';

export const EXTENSION_ID = 'remoteit-community.remoteit-connect';

export function fixture(): TestFixture {
  const file = process.env[FIXTURE_ENV];
  if (!file) throw new Error(`${FIXTURE_ENV} is not set: run the suite through npm run test:integration`);
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

export async function api(): Promise<RemoteItExtensionApi> {
  const ext = vscode.extensions.getExtension<RemoteItExtensionApi>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not installed in this host`);
  return ext.activate();
}

/** Signs in with the fixture account through the real command (arguments stand in for the input boxes). */
export async function signIn(): Promise<RemoteItExtensionApi> {
  const a = await api();
  const f = fixture();
  if (a.account() !== f.account.email) {
    await vscode.commands.executeCommand('remoteit.signIn', { email: f.account.email, password: f.account.password });
  }
  if (a.devices().length === 0) await vscode.commands.executeCommand('remoteit.refresh');
  return a;
}

export function waitFor(
  a: RemoteItExtensionApi,
  id: string,
  predicate: (s: ConnectionSnapshot) => boolean,
  what: string,
  timeoutMs = 45_000,
): Promise<ConnectionSnapshot> {
  return new Promise((resolve, reject) => {
    const current = a.connection(id);
    if (current && predicate(current)) return resolve(current);
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for ${what}; last state ${JSON.stringify(a.connection(id) ?? null)}`));
    }, timeoutMs);
    const sub = a.onDidChangeConnection((s) => {
      if (s.id === id && predicate(s)) {
        clearTimeout(timer);
        sub.dispose();
        resolve(s);
      }
    });
  });
}

export const inState = (...states: ConnectionState[]) => (s: ConnectionSnapshot) => states.includes(s.state);

export function httpGet(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: '/', timeout: 10_000 }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve(body));
      })
      .on('error', reject)
      .on('timeout', function (this: http.ClientRequest) {
        this.destroy(new Error('HTTP request through the proxy timed out'));
      });
  });
}

export async function control(path: string, body: unknown = {}): Promise<unknown> {
  const res = await fetch(`${fixture().controlUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`control ${path} → ${res.status} ${await res.text()}`);
  return res.json().catch(() => undefined);
}

export function occupyPort(port: number): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

/**
 * The first port from `preferred` up that nothing holds now. The extension's port range overlaps Linux's ephemeral
 * ports, so a fixed port can be some other program's outgoing connection at the moment a test asks for it.
 */
export async function freePortFrom(preferred: number): Promise<number> {
  for (let port = preferred; port < preferred + 50; port++) {
    const server = await occupyPort(port).catch(() => undefined);
    if (!server) continue;
    await new Promise((r) => server.close(r));
    return port;
  }
  throw new Error(`no free port in ${preferred}–${preferred + 49}`);
}

/** Every process's argv on this machine, for "no secret on a command line" checks. */
export function allCommandLines(): string[] {
  return fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map((pid) => {
      try {
        return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
      } catch {
        return '';
      }
    });
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Signed in, the service connected through the real command, and ready: the start of most connection tests. */
export async function connectedAndReady(serviceId: string): Promise<{ a: RemoteItExtensionApi; ready: ConnectionSnapshot }> {
  const a = await signIn();
  await vscode.commands.executeCommand('remoteit.connect', serviceId);
  return { a, ready: await waitFor(a, serviceId, inState('ready'), `${serviceId} ready`) };
}

/**
 * Puts a wrapper in front of the connectd stand-in that records every connection start (-f/-p runs, not the -h
 * version probe), so a test can count spawns exactly. Returns the count reader and a restore function.
 */
export async function countConnectdStarts(): Promise<{ starts: () => number; restore: () => Promise<void> }> {
  const dir = fs.mkdtempSync(`${fixture().outputDir}/count-`);
  const log = `${dir}/starts.log`;
  const wrapper = `${dir}/connectd`;
  fs.writeFileSync(wrapper, `#!/bin/sh\ncase " $* " in *" -f "*|*" -p "*) echo "$$" >> '${log}' ;; esac\nexec '${fixture().connectdPath}' "$@"\n`, { mode: 0o755 });
  await setSetting('connectd.path', wrapper);
  return {
    starts: () => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n').filter(Boolean).length : 0),
    restore: () => restoreRunnerSettings('connectd.path'),
  };
}

type Dialog = 'showInformationMessage' | 'showWarningMessage' | 'showErrorMessage';

/**
 * Answers the extension's notifications and modal dialogs as a user would click (the test shares the extension's
 * `vscode` API object), and records every message shown. `answer` returns the button to press, or undefined.
 */
export function answerDialogs(answer: (message: string, buttons: string[]) => string | undefined): { shown: { kind: Dialog; message: string }[]; restore: () => void } {
  const shown: { kind: Dialog; message: string }[] = [];
  const window = vscode.window as unknown as Record<Dialog, (...args: unknown[]) => Thenable<unknown>>;
  const originals = new Map<Dialog, (...args: unknown[]) => Thenable<unknown>>();
  for (const kind of ['showInformationMessage', 'showWarningMessage', 'showErrorMessage'] as Dialog[]) {
    originals.set(kind, window[kind]);
    window[kind] = async (message: unknown, ...rest: unknown[]) => {
      const buttons = rest.filter((r): r is string => typeof r === 'string');
      shown.push({ kind, message: String(message) });
      return answer(String(message), buttons);
    };
  }
  return { shown, restore: () => originals.forEach((fn, kind) => (window[kind] = fn)) };
}

/** Waits until `check` holds, polling; fails with `what` after the timeout. For negative checks, prefer events. */
export async function eventually(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * A negative check on events: fails as soon as the connection changes to one of `states` within `windowMs`
 * (chosen to cover what would cause it, e.g. the reconnect backoff), instead of sleeping and looking once.
 */
export function staysOutOf(a: RemoteItExtensionApi, id: string, states: ConnectionState[], windowMs: number, why: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const sub = a.onDidChangeConnection((s) => {
      if (s.id !== id || !states.includes(s.state)) return;
      clearTimeout(timer);
      sub.dispose();
      reject(new Error(`${id} went ${s.state}: ${why}`));
    });
    const timer = setTimeout(() => {
      sub.dispose();
      resolve();
    }, windowMs);
  });
}

/**
 * Puts settings back to what the runner configured. Not `inspect().globalValue`: in a remote window (code-server)
 * machine-scoped settings live in the server's Remote settings, where globalValue does not see them, and writing
 * that `undefined` back would delete the runner's value.
 */
export async function restoreRunnerSettings(...keys: string[]): Promise<void> {
  for (const key of keys) await setSetting(key, fixture().settings[`remoteit.${key}`]);
}

/**
 * Sets a `remoteit.*` user setting and waits until this extension host (and so the extension) reads it: in a
 * code-server window the new value arrives a moment after update() resolves. `undefined` removes the value.
 */
export async function setSetting(key: string, value: unknown): Promise<void> {
  const config = () => vscode.workspace.getConfiguration('remoteit');
  await config().update(key, value, vscode.ConfigurationTarget.Global);
  const expected = value === undefined ? config().inspect(key)?.defaultValue : value;
  await eventually(() => JSON.stringify(config().get(key)) === JSON.stringify(expected), `remoteit.${key} to read ${JSON.stringify(expected)}`);
}
