// Finding connectd: the `remoteit.connectd.path` setting, then `connectd` on PATH, then the per-platform
// release names (connectd.x86_64-ubuntu16.04, connectd.x86_64-osx, connectd.x86_64-win.exe, …) on PATH and in
// the usual install folders. Reading its version from the banner of `connectd -h` (never from a run without
// arguments: connectd then reads ./connectd.conf and, when there is one, starts a daemon).
import { constants, promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Clock } from '../clock';
import { helpArgs } from './args';
import { runToEnd } from './run';
import type { Spawner } from './spawner';
import { parseStatusLine } from './statusLine';
import { versionWarning } from './version';

const RELEASE_NAMES: Record<string, Record<string, string[]>> = {
  linux: {
    x64: ['connectd.x86_64-ubuntu16.04', 'connectd.x86_64-ubuntu16.04_static', 'connectd.x86_64-etch'],
    ia32: ['connectd.x86-ubuntu16.04', 'connectd.x86-ubuntu16.04_static', 'connectd.x86-etch', 'connectd.x86-linaro_uClibc', 'connectd.x86-linaro_uClibc_static'],
    arm64: ['connectd.aarm64-ubuntu16.04'],
    arm: ['connectd.arm-linaro-pi', 'connectd.arm-gnueabi', 'connectd.arm-v5t_le'],
    mips: ['connectd.mips-24kec', 'connectd.mips-34kc', 'connectd.mips-gcc-4.7.3'],
    mipsel: ['connectd.mipsel-bmc5354', 'connectd.mipsel-gcc342'],
    ppc: ['connectd.ppc-gnuspe'],
  },
  android: { arm: ['connectd.arm-android'], arm64: ['connectd.arm-android'] },
  // Apple silicon runs the x86_64 build under Rosetta.
  darwin: { x64: ['connectd.x86_64-osx'], arm64: ['connectd.x86_64-osx'], ia32: ['connectd.x86-osx'] },
  // Windows on ARM runs the x86 builds under emulation.
  win32: {
    x64: ['connectd.x86_64-win.exe', 'connectd.x86-win.exe'],
    arm64: ['connectd.x86_64-win.exe', 'connectd.x86-win.exe'],
    ia32: ['connectd.x86-win.exe'],
  },
};

const INSTALL_DIRS: Record<string, string[]> = {
  linux: ['/usr/local/bin', '/usr/bin'],
  android: [],
  darwin: ['/usr/local/bin', '/opt/homebrew/bin', '/usr/bin'],
  win32: [],
};

/** Every file name connectd may have on this platform, the plain name first. */
export function connectdNames(platform: string = process.platform, arch: string = process.arch): string[] {
  const plain = platform === 'win32' ? 'connectd.exe' : 'connectd';
  return [plain, ...(RELEASE_NAMES[platform]?.[arch] ?? [])];
}

export class ConnectdNotFoundError extends Error {
  override readonly name = 'ConnectdNotFoundError';
}

export interface FindOptions {
  /** The `remoteit.connectd.path` setting; empty = search. */
  setting?: string;
  /** PATH to search (default: this process's). */
  pathEnv?: string;
  platform?: string;
  arch?: string;
  /** Folders searched after PATH (default: the usual install folders of the platform). */
  installDirs?: string[];
}

type FileCheck = 'ok' | 'missing' | 'notExecutable';

async function check(file: string, platform: string): Promise<FileCheck> {
  try {
    if (!(await fs.stat(file)).isFile()) return 'missing';
  } catch {
    return 'missing';
  }
  if (platform === 'win32') return 'ok';
  try {
    await fs.access(file, constants.X_OK);
    return 'ok';
  } catch {
    return 'notExecutable';
  }
}

function notExecutable(file: string, platform: string, what: string): ConnectdNotFoundError {
  const fix = platform === 'win32' ? 'Point it at connectd.exe.' : `Make it executable: chmod +x ${file}`;
  return new ConnectdNotFoundError(`${what} ${file} is not executable. ${fix}`);
}

/** The absolute path of an executable connectd, or a ConnectdNotFoundError that says what to do. */
export async function findConnectd(options: FindOptions = {}): Promise<string> {
  const platform = options.platform ?? process.platform;
  const setting = options.setting?.trim();
  if (setting) {
    const file = path.resolve(setting);
    const state = await check(file, platform);
    if (state === 'ok') return file;
    if (state === 'notExecutable') throw notExecutable(file, platform, 'The connectd set in remoteit.connectd.path,');
    throw new ConnectdNotFoundError(`remoteit.connectd.path is set to ${file}, but there is no file there. Correct the setting, or clear it to search PATH.`);
  }

  const names = connectdNames(platform, options.arch ?? process.arch);
  const pathDirs = (options.pathEnv ?? process.env.PATH ?? '').split(platform === 'win32' ? ';' : path.delimiter).filter(Boolean);
  const dirs = [...new Set([...pathDirs, ...(options.installDirs ?? INSTALL_DIRS[platform] ?? [])])];
  let firstNotExecutable: string | undefined;
  for (const name of names) {
    for (const dir of dirs) {
      const file = path.join(dir, name);
      const state = await check(file, platform);
      if (state === 'ok') return file;
      if (state === 'notExecutable') firstNotExecutable ??= file;
    }
  }
  if (firstNotExecutable) throw notExecutable(firstNotExecutable, platform, 'Found connectd, but');
  throw new ConnectdNotFoundError(
    `connectd was not found (looked for ${names.join(', ')} on PATH and in ${dirs.length ? dirs.join(', ') : 'no other folder'}). ` +
      'Install remote.it connectd and put it on PATH (for example a link /usr/local/bin/connectd), or set remoteit.connectd.path to the binary.',
  );
}

export interface ConnectdVersion {
  /** e.g. "4.6"; undefined when no banner line carried one. */
  version?: string;
  /** The banner lines as printed (for the log: what the probe saw). */
  banner: string[];
  /** Set when the version is not the 4.x the extension supports: say it plainly, then try anyway. */
  warning?: string;
}

/** The version from the banner of `connectd -h` (which then prints its usage and exits with status 1). */
export async function readConnectdVersion(connectdPath: string, spawner: Spawner, timeoutMs = 10_000, clock?: Clock): Promise<ConnectdVersion> {
  const { lines } = await runToEnd(spawner, connectdPath, helpArgs(), timeoutMs, clock);
  const banner: string[] = [];
  let version: string | undefined;
  for (const line of lines) {
    const event = parseStatusLine(line);
    if (event.kind !== 'banner') continue;
    banner.push(line);
    version ??= event.version;
  }
  if (version === undefined) return { banner };
  const warning = versionWarning(version);
  return warning ? { version, banner, warning } : { version, banner };
}
