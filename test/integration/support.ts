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
