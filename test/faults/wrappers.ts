// connectd wrappers the suite puts in front of the stand-in (remoteit.connectd.path), so a fault can be timed
// and aimed: the connection to one service is held in `starting` until the suite opens a gate (so a fault
// lands while it is connecting), may get an environment of its own (a silent remote.it, a faster clock), and
// may flood its output. Every other connection runs the stand-in unchanged.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface WrapperOptions {
  /** The service whose connectd is held and changed. */
  serviceId: string;
  /** Extra environment for that connectd only. */
  env?: Record<string, string>;
  /** That connectd's output also carries this many bytes per second of noise (lines, and lines too long to be lines). */
  floodBytesPerSecond?: number;
}

export interface Wrapper {
  path: string;
  /** Resolves once the held connectd has been started by the extension and is waiting at the gate. */
  held(timeoutMs?: number): Promise<void>;
  open(): void;
}

let count = 0;

export function writeWrapper(dir: string, standIn: string, options: WrapperOptions): Wrapper {
  fs.mkdirSync(dir, { recursive: true });
  const n = ++count;
  const gate = path.join(dir, `gate-${n}`);
  const waiting = path.join(dir, `waiting-${n}`);
  const env = Object.entries(options.env ?? {}).map(([k, v]) => `${k}=${shellQuote(v)} `).join('');
  let command = shellQuote(standIn);
  if (options.floodBytesPerSecond) {
    const flood = path.join(dir, `flood-${n}.js`);
    fs.writeFileSync(flood, floodScript(standIn, options.floodBytesPerSecond));
    command = `node ${shellQuote(flood)}`;
  }
  const file = path.join(dir, `connectd-${n}`);
  fs.writeFileSync(
    file,
    [
      '#!/bin/sh',
      // The provisioning file (-f) names the service; connectd has not read it yet, so holding here is safe.
      'f=; prev=',
      'for a in "$@"; do [ "$prev" = "-f" ] && f="$a"; prev="$a"; done',
      `if [ -n "$f" ] && grep -q '^remote_address ${options.serviceId}$' "$f" 2>/dev/null; then`,
      `  touch ${shellQuote(waiting)}`,
      `  while [ ! -e ${shellQuote(gate)} ]; do sleep 0.05; done`,
      `  exec env ${env}${command} "$@"`,
      'fi',
      `exec ${shellQuote(standIn)} "$@"`,
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
  return {
    path: file,
    held: async (timeoutMs = 20_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!fs.existsSync(waiting)) {
        if (Date.now() > deadline) throw new Error(`the connectd of ${options.serviceId} never started`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    open: () => fs.writeFileSync(gate, ''),
  };
}

/** A node process in front of the stand-in: its output plus noise, signals passed on, its exit status kept. */
function floodScript(standIn: string, bytesPerSecond: number): string {
  return `const { spawn } = require('node:child_process');
const child = spawn(${JSON.stringify(standIn)}, process.argv.slice(2), { stdio: ['ignore', 'pipe', 'inherit'] });
// The noise starts once the proxy runs: a real connectd has read its provisioning file long before it gets chatty.
let flooding = false;
let timer;
child.stdout.on('data', (d) => {
  process.stdout.write(d);
  if (!flooding && d.includes('Proxy started')) {
    flooding = true;
    timer = setInterval(() => process.stdout.write(noise()), tick);
  }
});
const tick = 100;
const size = Math.round(${bytesPerSecond} * tick / 1000);
let n = 0;
const noise = () => {
  n++;
  // Ordinary lines, then every third tick one line far longer than any connectd line, without a newline in it.
  if (n % 3 === 0) return 'x'.repeat(size);
  let out = '';
  while (out.length < size) out += 'flood ' + n + ' ' + 'lorem ipsum dolor sit amet '.repeat(30) + '\\n';
  return out.slice(0, size);
};
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => {
  clearInterval(timer);
  process.stdout.write('\\n', () => process.exit(code ?? (signal ? 128 : 1)));
});
`;
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
