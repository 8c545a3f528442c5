// The connectd stand-in (out/emulator/connectd, built by `node esbuild.mjs --tests`) run as the extension
// runs connectd: the real spawner, a generated provisioning file, `-s -f`, the emulator as its "remote.it".
// Measures spawn → `Proxy started.` and TCP throughput through its local proxy to a target on this machine.
import { existsSync, promises as fs } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileArgs } from '../../src/core/connectd/args';
import { LineSplitter } from '../../src/core/connectd/lines';
import { initiatorProvisioning, writeProvisioningFile } from '../../src/core/connectd/provisioning';
import { ChildProcessSpawner, type SpawnedProcess } from '../../src/core/connectd/spawner';
import { parseStatusLine } from '../../src/core/connectd/statusLine';
import { generateWorld, generatedUid, startEmulator, STANDIN_ENV, type RunningEmulator } from '../emulator/index';
import { megabytes, type Row, type Section } from './measure';

export const STAND_IN = path.resolve(__dirname, '..', '..', 'out', 'emulator', 'connectd');
const PAYLOAD_BYTES = 50_000_000;
const STARTS = 5;
const TRANSFERS = 5;
const SERVICE = generatedUid(1);

/** A TCP target: a first byte `U` makes it swallow everything and answer the byte count; `D` makes it send the payload. */
function startTarget(payload: Buffer): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer({ allowHalfOpen: true }, (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let mode: string | undefined;
    let received = 0;
    socket.on('data', (chunk: Buffer) => {
      if (mode === undefined) {
        mode = String.fromCharCode(chunk[0]);
        if (mode === 'D') socket.end(payload);
        chunk = chunk.subarray(1);
      }
      received += chunk.length;
    });
    socket.on('end', () => {
      if (mode === 'U') socket.end(`${received}\n`);
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () =>
      resolve({
        port: (server.address() as net.AddressInfo).port,
        close: () => new Promise<void>((done) => {
          for (const s of sockets) s.destroy();
          server.close(() => done());
        }),
      }),
    );
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Sends `U` + payload, half-closes, and resolves with the byte count the target reports. */
function upload(port: number, payload: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port, allowHalfOpen: true });
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (text: string) => (answer += text));
    socket.on('end', () => {
      socket.end();
      resolve(Number.parseInt(answer, 10));
    });
    socket.on('error', reject);
    socket.write('U');
    socket.end(payload);
  });
}

/** Asks for the payload with `D` and resolves with the number of bytes received. */
function download(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port, allowHalfOpen: true });
    let received = 0;
    socket.on('data', (chunk: Buffer) => (received += chunk.length));
    socket.on('end', () => {
      socket.end();
      resolve(received);
    });
    socket.on('error', reject);
    socket.write('D');
  });
}

interface RunningStandIn {
  process: SpawnedProcess;
  port: number;
  /** ms from asking for the spawn to `Proxy started.`. */
  startMs: number;
}

/** Spawns the stand-in for SERVICE on a fresh port and waits for its proxy; rejects (with its output) if it exits first. */
async function startStandIn(emulator: RunningEmulator, dir: string): Promise<RunningStandIn> {
  const account = emulator.world.accounts[0];
  const port = await freePort();
  const file = await writeProvisioningFile(dir, initiatorProvisioning({ user: account.email, authHash: account.authHash }, { serviceId: SERVICE, port, bindAddress: '127.0.0.1', restrictIp: '0.0.0.0', maxOutstanding: 12, encryption: 2, lifetimeSeconds: 0, idleSeconds: 0 }));
  const splitter = new LineSplitter();
  const seen: string[] = [];
  let proxyStarted!: () => void;
  const ready = new Promise<void>((resolve) => (proxyStarted = resolve));
  const onStdout = (chunk: string) => {
    for (const line of splitter.push(chunk)) {
      seen.push(line);
      if (parseStatusLine(line).kind === 'proxyStarted') proxyStarted();
    }
  };
  const started = performance.now();
  const child = await new ChildProcessSpawner().spawn(STAND_IN, fileArgs(file), { stdout: onStdout, stderr: (chunk) => seen.push(chunk) });
  const ended = child.exited.then((exit) => {
    throw new Error(`the connectd stand-in exited (${exit.code ?? exit.signal}) before "Proxy started.":\n${seen.join('\n')}`);
  });
  await Promise.race([ready, ended]);
  ended.catch(() => undefined);
  return { process: child, port, startMs: performance.now() - started };
}

async function stop(standIn: RunningStandIn): Promise<number> {
  const started = performance.now();
  standIn.process.kill('SIGTERM');
  await standIn.process.exited;
  return performance.now() - started;
}

/** TRANSFERS transfers, one after another, as a row: MB/s in the rate column. */
async function transfers(name: string, bytes: number, op: () => Promise<number>): Promise<Row> {
  let totalMs = 0;
  for (let i = 0; i < TRANSFERS; i++) {
    const started = performance.now();
    const moved = await op();
    totalMs += performance.now() - started;
    if (moved !== bytes) throw new Error(`${name}: ${moved} bytes arrived, expected ${bytes}`);
  }
  return { name, iterations: TRANSFERS, totalMs, unitsPerOp: bytes / 1e6, unit: 'MB', size: megabytes(bytes) };
}

export const standInSection: Section = {
  title: '5. connectd stand-in: spawn → "Proxy started." and TCP throughput through its proxy',
  async run() {
    if (!existsSync(STAND_IN)) return { skipped: `${path.relative(process.cwd(), STAND_IN)} is not built (run \`node esbuild.mjs --tests\`)` };
    const payload = Buffer.alloc(PAYLOAD_BYTES, 'remote.it bench payload ');
    const target = await startTarget(payload);
    // connectDelayMs 0: the stand-in's simulated peer set-up time is left out, leaving process start-up,
    // provisioning, the emulator sign-in round trip and the proxy listener.
    const world = generateWorld({ devices: 1, servicesPerDevice: 1, target: { host: '127.0.0.1', port: target.port }, connectd: { connectDelayMs: 0 } });
    const emulator = await startEmulator({ world });
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rit-bench-standin-'));
    const previousApi = process.env[STANDIN_ENV];
    process.env[STANDIN_ENV] = emulator.url;
    try {
      let startMs = 0;
      let stopMs = 0;
      for (let i = 0; i < STARTS; i++) {
        const standIn = await startStandIn(emulator, dir);
        startMs += standIn.startMs;
        stopMs += await stop(standIn);
      }
      const rows: Row[] = [
        { name: 'spawn → "Proxy started." (connectDelayMs 0)', iterations: STARTS, totalMs: startMs },
        { name: 'SIGTERM → process exit', iterations: STARTS, totalMs: stopMs },
      ];
      rows.push(await transfers('direct to the target, no proxy: upload', PAYLOAD_BYTES, () => upload(target.port, payload)));
      const standIn = await startStandIn(emulator, dir);
      try {
        rows.push(await transfers('through the stand-in proxy: upload', PAYLOAD_BYTES, () => upload(standIn.port, payload)));
        rows.push(await transfers('through the stand-in proxy: download', PAYLOAD_BYTES, () => download(standIn.port)));
      } finally {
        await stop(standIn);
      }
      return { rows };
    } finally {
      if (previousApi === undefined) delete process.env[STANDIN_ENV];
      else process.env[STANDIN_ENV] = previousApi;
      await emulator.close();
      await target.close();
      await fs.rm(dir, { recursive: true, force: true });
    }
  },
};
