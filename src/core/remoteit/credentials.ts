// Access-key profiles from `~/.remoteit/credentials` (INI). remote.it's docs disagree on case (2021:
// `[default]`, case-insensitive; 2023: `[DEFAULT]`, "case sensitive"), so profile and key names match
// case-insensitively: `[DEFAULT]` and `[default]` are one profile, the spelling seen first is kept. Keys
// written before any section form the DEFAULT profile, as the Insomnia plugin reads them.

export interface AccessKeyProfile {
  /** Section name as written in the file (DEFAULT for top-level keys). */
  name: string;
  keyId: string;
  /** Base64 secret; never log it. */
  secret: string;
  developerKey?: string;
}

export const DEFAULT_PROFILE = 'DEFAULT';

const KEYS = {
  r3_access_key_id: 'keyId',
  r3_secret_access_key: 'secret',
  r3_developer_api_key: 'developerKey',
} as const;

type Fields = Partial<Record<(typeof KEYS)[keyof typeof KEYS], string>>;

/** Complete profiles (key id and secret both present) in file order. Malformed lines are skipped. */
export function parseCredentials(text: string): AccessKeyProfile[] {
  const sections = new Map<string, { name: string; fields: Fields }>();
  let current: { name: string; fields: Fields } | undefined;
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[\s*([^\]]+?)\s*\]$/.exec(line);
    if (header) {
      current = section(sections, header[1]);
      continue;
    }
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const field = KEYS[line.slice(0, eq).trim().toLowerCase() as keyof typeof KEYS];
    if (!field) continue;
    current ??= section(sections, DEFAULT_PROFILE);
    current.fields[field] = unquote(line.slice(eq + 1).trim());
  }
  const profiles: AccessKeyProfile[] = [];
  for (const { name, fields } of sections.values()) {
    if (!fields.keyId || !fields.secret) continue;
    profiles.push({ name, keyId: fields.keyId, secret: fields.secret, ...(fields.developerKey ? { developerKey: fields.developerKey } : {}) });
  }
  return profiles;
}

/** The profile called `name` (any case), or DEFAULT when no name is given. */
export function findProfile(profiles: readonly AccessKeyProfile[], name: string = DEFAULT_PROFILE): AccessKeyProfile | undefined {
  const wanted = name.trim().toLowerCase();
  return profiles.find((p) => p.name.toLowerCase() === wanted);
}

export interface CredentialsFs {
  readFile(path: string, encoding: 'utf8'): Promise<string>;
}

/** Profiles of the file at `path`; a missing file is simply no profiles. Other read errors propagate. */
export async function readCredentials(fs: CredentialsFs, path: string): Promise<AccessKeyProfile[]> {
  try {
    return parseCredentials(await fs.readFile(path, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

function section(sections: Map<string, { name: string; fields: Fields }>, name: string): { name: string; fields: Fields } {
  const key = name.toLowerCase();
  let found = sections.get(key);
  if (!found) sections.set(key, (found = { name, fields: {} }));
  return found;
}

function unquote(value: string): string {
  const quoted = /^(["'])(.*)\1$/.exec(value);
  return quoted ? quoted[2] : value;
}
