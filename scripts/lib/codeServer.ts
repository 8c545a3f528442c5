// Starts an isolated code-server on loopback: every file it or the extension host writes
// (user data, extensions, XDG dirs, TMPDIR) stays inside the run dir, and close() ends its whole process tree.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from './paths';
import { freeLoopbackPort } from '../../test/support/freePort';
import type { Host } from './hosts';
import { capture, startProcessGroup, tail, type ProcessGroup } from './proc';

/** How the extension gets into the host: not at all (dev path via payload), a .vsix, or an unpacked folder. */
export type ExtensionSource = { vsix: string } | { folder: string };

export interface CodeServerOptions {
  host: Host;
  runDir: string;
  /** Fixed port (the demo); default: a free one. */
  port?: number;
  /** User settings on top of the isolation defaults, e.g. remoteit.apiUrl. */
  settings?: Record<string, unknown>;
  /** Extra environment for the server; its extension host inherits it. */
  env?: NodeJS.ProcessEnv;
  /** Folder the workbench opens. */
  workspace?: string;
  extension?: ExtensionSource;
  /** Unpacked extension folders installed beside `extension`, e.g. a test double of another extension. */
  extraExtensions?: string[];
}

export interface RunningCodeServer {
  /** e.g. http://127.0.0.1:41234 (no trailing slash). */
  url: string;
  runDir: string;
  workspace?: string;
  logFile: string;
  /** The workbench URL, with the workspace folder (or an empty window) and optional extra query parameters. */
  workbenchUrl(query?: Record<string, string>): string;
  close(): Promise<void>;
}

const BASE_SETTINGS = {
  'workbench.startupEditor': 'none', // the Get Started tab steals focus and clicks
  'workbench.tips.enabled': false,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'update.mode': 'none',
  // Run dirs live inside this git checkout: no "open the repository in a parent folder?" toast.
  'git.openRepositoryInParentFolders': 'never',
};

const READY_TIMEOUT_MS = 60_000;

export async function startCodeServer(options: CodeServerOptions): Promise<RunningCodeServer> {
  const { host, runDir } = options;
  const dirs = isolatedDirs(runDir);
  const env: NodeJS.ProcessEnv = {
    ...host.env,
    ...options.env,
    TMPDIR: dirs.tmp,
    XDG_CONFIG_HOME: dirs.xdgConfig,
    XDG_DATA_HOME: dirs.xdgData,
    XDG_CACHE_HOME: dirs.xdgCache,
  };
  const settings = { ...BASE_SETTINGS, ...options.settings };
  fs.writeFileSync(path.join(dirs.userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  // code-server windows are remote windows: machine-scoped settings (paths such as remoteit.connectd.path) are
  // read from the server's own "Remote" settings, not the user's, as a real code-server user would set them.
  // Only those go there: a Remote value of any other setting would hide the user's later changes to it.
  fs.mkdirSync(path.join(dirs.userData, 'Machine'), { recursive: true });
  fs.writeFileSync(path.join(dirs.userData, 'Machine', 'settings.json'), JSON.stringify(machineScoped(settings), null, 2));
  const common = ['--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];
  const logFile = path.join(runDir, 'code-server.log');
  let server: ProcessGroup | undefined;
  const close = async () => {
    await server?.close();
    fs.rmSync(dirs.tmp, { recursive: true, force: true });
  };
  const port = options.port ?? (await freeLoopbackPort());
  const url = `http://127.0.0.1:${port}`;
  try {
    // Copied first: a copied folder is listed only by the install that creates extensions.json.
    for (const folder of options.extraExtensions ?? []) copyExtensionFolder(folder, dirs.extensions);
    if (options.extension) await installExtension(options.extension, host, common, dirs.extensions, env);
    const args = [
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      ...common,
      '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
      // Only a workbench that loads the extension from the test payload URL gets these: the smoke-test driver they
      // enable also stops the workbench from ever showing a notification toast, which a real user always sees.
      ...(options.extension ? [] : host.payloadArgs),
      ...(options.workspace ? [options.workspace] : []),
    ];
    const started = await startProcessGroup(host.codeServerBin, args, logFile, { env, cwd: runDir });
    server = started;
    await waitForHealthz(url, () => started.exited, logFile);
  } catch (err) {
    await close();
    throw err;
  }
  return {
    url,
    runDir,
    workspace: options.workspace,
    logFile,
    workbenchUrl(query = {}) {
      // Without a folder, ew=true ("the workspace was closed") keeps code-server from redirecting to the last one.
      const params = new URLSearchParams(options.workspace ? { folder: options.workspace, ...query } : { ew: 'true', ...query });
      return `${url}/?${params.toString()}`;
    },
    close,
  };
}

function isolatedDirs(runDir: string) {
  const dirs = {
    userData: path.join(runDir, 'user-data'),
    extensions: path.join(runDir, 'extensions'),
    tmp: shortTmpDir(runDir),
    xdgConfig: path.join(runDir, 'xdg-config'),
    xdgData: path.join(runDir, 'xdg-data'),
    xdgCache: path.join(runDir, 'xdg-cache'),
  };
  for (const dir of Object.values(dirs)) fs.mkdirSync(dir, { recursive: true });
  fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  return dirs;
}

/**
 * The server's TMPDIR. VS Code puts its ipc and git sockets there, and a unix socket path must stay under
 * 108 bytes, which a TMPDIR deep in the checkout exceeds; so it is a private folder in the system temp dir,
 * linked from the run dir as tmp/ and removed by close().
 */
function shortTmpDir(runDir: string): string {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rit-cs-'));
  fs.symlinkSync(tmp, path.join(runDir, 'tmp'));
  return tmp;
}

async function installExtension(source: ExtensionSource, host: Host, common: string[], extensionsDir: string, env: NodeJS.ProcessEnv): Promise<void> {
  if ('vsix' in source) {
    await capture(host.codeServerBin, [...common, '--install-extension', source.vsix], { env });
    return;
  }
  copyExtensionFolder(source.folder, extensionsDir);
}

function copyExtensionFolder(folder: string, extensionsDir: string): void {
  // A copied folder is picked up only while extensions.json does not exist yet.
  if (fs.existsSync(path.join(extensionsDir, 'extensions.json'))) throw new Error(`${extensionsDir} already has extensions.json: a copied extension would be ignored`);
  const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
  fs.cpSync(folder, path.join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`), { recursive: true });
}

async function waitForHealthz(url: string, exited: () => boolean, logFile: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exited()) throw new Error(`code-server exited before it was ready; ${logFile}:\n${tail(logFile, 20)}`);
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`code-server did not answer ${url}/healthz within ${READY_TIMEOUT_MS / 1000} s; ${logFile}:\n${tail(logFile, 20)}`);
}

/** The settings the extension declares machine-scoped (package.json), from a settings object. */
function machineScoped(settings: Record<string, unknown>): Record<string, unknown> {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
    contributes: { configuration: { properties: Record<string, { scope?: string }> } };
  };
  const declared = manifest.contributes.configuration.properties;
  return Object.fromEntries(Object.entries(settings).filter(([key]) => declared[key]?.scope === 'machine'));
}
