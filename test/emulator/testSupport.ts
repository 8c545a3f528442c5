// Helpers for the emulator's and the stand-in's own tests: a small world, real targets, the stand-in bundled
// once (as esbuild.mjs bundles it) and run as a child process whose stdout lines can be awaited.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { STANDIN_ENV } from './protocol';
import type { World } from './world';

export const ALICE = {
  id: 'A11CE000-0000-4000-8000-000000000001',
  email: 'alice@example.com',
  password: 'correct horse battery',
  authHash: '0123456789ABCDEF0123456789ABCDEF01234567',
  accessKey: { id: 'AKTESTKEY00000000001', secret: Buffer.from('alice secret key material, 32 bytes').toString('base64') },
  developerKey: 'dev-key-alice',
};

export const BOB = { id: 'B0B00000-0000-4000-8000-000000000002', email: 'bob@example.com', password: 'bob-password', authHash: 'FEDCBA9876543210FEDCBA9876543210FEDCBA98' };

export const IDS = {
  box: '80:00:00:00:01:00:10:00',
  echo: '80:00:00:00:01:00:10:01',
  web: '80:00:00:00:01:00:10:02',
  empty: '80:00:00:00:01:00:10:03',
  down: '80:00:00:00:01:00:10:04',
  sleepingBox: '80:00:00:00:01:00:20:00',
  sleepingSsh: '80:00:00:00:01:00:20:01',
  bobBox: '80:00:00:00:01:00:30:00',
  bobSsh: '80:00:00:00:01:00:30:01',
} as const;

/** Fast pacing so limits, throughput and uptime lines show within a test's patience. */
export const FAST = { minuteMs: 600, throughputIntervalMs: 200, uptimeIntervalMs: 300, connectDelayMs: 0, retryIntervalMs: 150 };

export function testWorld(targets: { echoPort: number; httpPort: number }): World {
  const echo = { host: '127.0.0.1', port: targets.echoPort };
  return {
    accounts: [
      { id: ALICE.id, email: ALICE.email, password: ALICE.password, authHash: ALICE.authHash, accessKeys: [ALICE.accessKey], developerKey: ALICE.developerKey },
      { id: BOB.id, email: BOB.email, password: BOB.password, authHash: BOB.authHash },
    ],
    devices: [
      {
        id: IDS.box,
        name: 'Echo Box',
        state: 'active',
        hardwareId: 'aa:bb:cc:dd:ee:01',
        platform: 1072,
        created: '2024-01-02T03:04:05.000Z',
        owner: ALICE.email,
        services: [
          { id: IDS.echo, name: 'Echo', application: 1, state: 'active', port: 7, target: echo },
          { id: IDS.web, name: 'Web', application: 7, state: 'active', port: 80, target: { host: '127.0.0.1', port: targets.httpPort } },
          { id: IDS.empty, name: 'Nothing Behind', application: 28, state: 'active', port: 22 },
          { id: IDS.down, name: 'Down', application: 28, state: 'inactive', port: 22, target: echo },
        ],
      },
      {
        id: IDS.sleepingBox,
        name: 'Sleeping Box',
        state: 'inactive',
        owner: ALICE.email,
        services: [{ id: IDS.sleepingSsh, name: 'SSH', application: 28, state: 'active', port: 22, target: echo }],
      },
      {
        id: IDS.bobBox,
        name: 'Other Box',
        state: 'active',
        owner: BOB.email,
        services: [{ id: IDS.bobSsh, name: 'SSH', application: 28, state: 'active', port: 22, target: echo }],
      },
    ],
    connectd: FAST,
  };
}

/** A TCP echo server: what comes in goes back, and the client's FIN is answered once everything is echoed. */
export function startEchoTarget(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer({ allowHalfOpen: true }, (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.pipe(socket);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () =>
      resolve({
        port: (server.address() as net.AddressInfo).port,
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      }),
    );
  });
}

/** Sends `payload`, half-closes, and resolves with everything received until the other side closes. */
export function exchange(port: number, payload: Buffer, host = '127.0.0.1', localAddress?: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port, allowHalfOpen: true, ...(localAddress ? { localAddress } : {}) });
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => {
      socket.end();
      resolve(Buffer.concat(chunks));
    });
    socket.on('close', () => resolve(Buffer.concat(chunks)));
    socket.on('error', reject);
    socket.end(payload);
  });
}

export const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const tempDirs: string[] = [];

/** A private temp folder, removed when the test process exits. */
function tempDir(prefix: string): string {
  if (tempDirs.length === 0) process.once('exit', () => tempDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

let bundle: Promise<string> | undefined;

/** The stand-in bundled exactly as `node esbuild.mjs --tests` bundles it, into a private temp folder. */
export function standInBundle(): Promise<string> {
  bundle ??= (async () => {
    const esbuild = await import('esbuild');
    const outfile = path.join(tempDir('connectd-standin-'), 'connectd');
    await esbuild.build({
      entryPoints: [path.join(__dirname, 'connectd', 'main.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      mainFields: ['module', 'main'],
      banner: { js: '#!/usr/bin/env node' },
      logLevel: 'warning',
    });
    chmodSync(outfile, 0o755);
    return outfile;
  })();
  return bundle;
}

export function tempFile(name: string, content: string): string {
  const file = path.join(tempDir('connectd-test-'), name);
  writeFileSync(file, content, { mode: 0o600 });
  return file;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A running stand-in: its stdout lines as they arrive, and its exit. */
export class StandIn {
  readonly lines: string[] = [];
  readonly exited: Promise<Exit>;
  private pending = '';
  private waiters: { pattern: RegExp; resolve(line: string): void }[] = [];

  constructor(readonly child: ChildProcess) {
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      const parts = (this.pending + chunk).split('\n');
      this.pending = parts.pop() ?? '';
      for (const l of parts) this.push(l);
    });
    this.exited = new Promise((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
  }

  /** Resolves with the first line (seen or still to come) that matches; rejects if the process ends first. */
  waitFor(pattern: RegExp, timeoutMs = 15_000): Promise<string> {
    const seen = this.lines.find((l) => pattern.test(l));
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms; got:\n${this.lines.join('\n')}`)), timeoutMs);
      const waiter = {
        pattern,
        resolve: (l: string) => {
          clearTimeout(timer);
          resolve(l);
        },
      };
      this.waiters.push(waiter);
      void this.exited.then((exit) => {
        clearTimeout(timer);
        if (this.waiters.includes(waiter)) reject(new Error(`connectd exited (${exit.code ?? exit.signal}) before a line matching ${pattern}:\n${this.lines.join('\n')}`));
      });
    });
  }

  /** Stops the process if it still runs; resolves with how it ended. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<Exit> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.exited;
  }

  private push(l: string): void {
    this.lines.push(l);
    for (const w of [...this.waiters]) {
      if (w.pattern.test(l)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(l);
      }
    }
  }
}

const running = new Set<StandIn>();

/** Runs `node <bundle> …args` with the emulator URL in the stand-in's environment variable. */
export async function runStandIn(args: string[], apiUrl: string | undefined, options: { direct?: boolean } = {}): Promise<StandIn> {
  const file = await standInBundle();
  const env = { ...process.env };
  delete env[STANDIN_ENV];
  if (apiUrl !== undefined) env[STANDIN_ENV] = apiUrl;
  const child = options.direct ? spawn(file, args, { env, stdio: ['ignore', 'pipe', 'pipe'] }) : spawn(process.execPath, [file, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const standIn = new StandIn(child);
  running.add(standIn);
  void standIn.exited.then(() => running.delete(standIn));
  return standIn;
}

/** Ends every stand-in a test left running. */
export async function stopAllStandIns(): Promise<void> {
  await Promise.all([...running].map((s) => s.stop('SIGKILL')));
}

export const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** An initiator provisioning file in the documented layout. */
export function provisioning(entries: Record<string, string | number>, eol = '\n'): string {
  return [
    '# setting autoconnect to 1 will autoconnect the p2p initiator to the target',
    ...Object.entries(entries).map(([k, v]) => `${k} ${v}`),
    '# keep this comment line here',
  ].join(eol) + eol;
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; text: string; headers: Headers }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

export async function control(controlUrl: string, action: string, body: unknown = {}): Promise<Record<string, unknown>> {
  const res = await postJson(`${controlUrl}${action}`, body);
  if (res.status !== 200) throw new Error(`control ${action}: ${res.status} ${res.text}`);
  return JSON.parse(res.text);
}

export async function login(url: string, email = ALICE.email, password = ALICE.password): Promise<string> {
  const res = await postJson(`${url}/apv/v27/user/login`, { username: email, password });
  return JSON.parse(res.text).token;
}

export async function graphql(url: string, token: string, query: string, variables?: Record<string, unknown>): Promise<{ status: number; body: any }> {
  const res = await postJson(`${url}/graphql/v1`, { query, variables }, { token });
  return { status: res.status, body: res.status === 200 ? JSON.parse(res.text) : res.text };
}
