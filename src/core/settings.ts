// The `remoteit.*` settings as one typed snapshot, with the one table of defaults (a unit test checks it against
// package.json). Values are read through `readSettings`, which drops anything of the wrong type or outside its
// allowed values: settings files are edited by hand and, for some keys, written by a repository.

/** Every setting's default, keyed by its name without the `remoteit.` prefix. */
export const SETTING_DEFAULTS = {
  apiUrl: 'https://api.remote.it',
  signatureScheme: 'rfc9421',
  credentialsFile: '',
  'connectd.path': '',
  'connectd.encryption': 2,
  'connectd.bindAddress': '127.0.0.1',
  'connectd.restrictIp': '0.0.0.0',
  'connectd.maxOutstanding': 12,
  'connectd.lifetimeMinutes': 0,
  'connectd.idleMinutes': 0,
  'connectd.startTimeoutSeconds': 45,
  'connectd.launchMode': 'file',
  'ports.range': '33000-42999',
  reconnect: true,
  proxyFallback: true,
  proxyHostIp: 'latching',
  refreshIntervalSeconds: 60,
  'ssh.user': '',
  'ssh.configFile': '',
  'ssh.options': {} as Readonly<Record<string, unknown>>,
  'http.openIn': 'external',
  openAfterConnect: 'sshAndWeb',
  launchTemplates: {} as Readonly<Record<string, unknown>>,
  commandTemplates: {} as Readonly<Record<string, unknown>>,
  'statusBar.maxItems': 3,
  'notifications.connected': false,
} as const;

type Widen<T> = T extends string ? string : T extends number ? number : T extends boolean ? boolean : T;

export type SettingKey = keyof typeof SETTING_DEFAULTS;
export type Settings = { readonly [K in SettingKey]: Widen<(typeof SETTING_DEFAULTS)[K]> };

/** Settings whose value must be one of a few; anything else falls back to the default. */
export const SETTING_CHOICES: { readonly [K in SettingKey]?: readonly Settings[K][] } = {
  signatureScheme: ['rfc9421', 'cavage'],
  'connectd.encryption': [0, 1, 2],
  'connectd.launchMode': ['file', 'authhash', 'password'],
  proxyHostIp: ['latching', 'restricted', 'public'],
  'http.openIn': ['external', 'simpleBrowser'],
  openAfterConnect: ['sshAndWeb', 'all', 'never'],
};

/** Numeric settings with bounds (inclusive). */
const NUMBER_BOUNDS: { readonly [K in SettingKey]?: readonly [number, number] } = {
  'connectd.maxOutstanding': [1, 64],
  'connectd.lifetimeMinutes': [0, 60 * 24 * 365],
  'connectd.idleMinutes': [0, 60 * 24 * 365],
  'connectd.startTimeoutSeconds': [0, 3600],
  refreshIntervalSeconds: [0, 60 * 60 * 24],
  'statusBar.maxItems': [1, 20],
};

export const DEFAULT_SETTINGS: Settings = SETTING_DEFAULTS;

/** One snapshot from a raw reader (VS Code: `getConfiguration('remoteit').get(key)`). */
export function readSettings(get: (key: SettingKey) => unknown): Settings {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(SETTING_DEFAULTS) as SettingKey[]) out[key] = valid(key, get(key)) ? get(key) : SETTING_DEFAULTS[key];
  return out as Settings;
}

function valid(key: SettingKey, value: unknown): boolean {
  const fallback = SETTING_DEFAULTS[key];
  if (typeof value !== typeof fallback) return false;
  // Object settings (templates, ssh options) are checked entry by entry where they are used.
  if (typeof value === 'object') return value !== null && !Array.isArray(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return false;
    const bounds = NUMBER_BOUNDS[key];
    if (bounds && (value < bounds[0] || value > bounds[1])) return false;
  }
  if (typeof value === 'string' && value.length > 4096) return false;
  const choices = SETTING_CHOICES[key] as readonly unknown[] | undefined;
  return !choices || choices.includes(value);
}

/** The keys whose values differ between two snapshots (what a change event carries). */
export function changedSettings(before: Settings, after: Settings): SettingKey[] {
  // Object values are read afresh each time: compared by content.
  const same = (a: unknown, b: unknown) => a === b || (typeof a === 'object' && JSON.stringify(a) === JSON.stringify(b));
  return (Object.keys(SETTING_DEFAULTS) as SettingKey[]).filter((k) => !same(before[k], after[k]));
}
