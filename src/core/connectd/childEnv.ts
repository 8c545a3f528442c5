// The environment connectd runs with: only what a program needs to find its libraries, its user and its
// locale, never the whole extension host's (which carries other extensions' tokens and VS Code's IPC handles).

const POSIX_NAMES = ['PATH', 'HOME', 'USER', 'LOGNAME', 'SHELL', 'LANG', 'LANGUAGE', 'TZ', 'TMPDIR'];
/** Windows needs these for Winsock and DNS to work at all (SystemRoot above all). */
const WINDOWS_NAMES = ['PATH', 'PATHEXT', 'SYSTEMROOT', 'WINDIR', 'COMSPEC', 'TEMP', 'TMP', 'USERPROFILE', 'USERNAME', 'HOMEDRIVE', 'HOMEPATH', 'APPDATA', 'LOCALAPPDATA', 'PROGRAMDATA'];

/** Locale variables, and variables addressed to connectd by name (CONNECTD_*), pass as a family. */
const PREFIXES = ['LC_', 'CONNECTD_'];

export function connectdEnvironment(env: NodeJS.ProcessEnv = process.env, platform: string = process.platform): Record<string, string> {
  const names = new Set(platform === 'win32' ? WINDOWS_NAMES : POSIX_NAMES);
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    // Windows variable names are case-insensitive (Path, SystemRoot).
    const key = platform === 'win32' ? name.toUpperCase() : name;
    if (names.has(key) || PREFIXES.some((prefix) => key.startsWith(prefix))) out[name] = value;
  }
  return out;
}
