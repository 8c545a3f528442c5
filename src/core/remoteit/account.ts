// Who the credentials belong to (`login { id email authhash yoicsId }`) and which accounts' devices they may
// list: their own, and those of the organisations they are a member of (`login { membership { organization } }`).
// connectd signs in as the account's yoicsId, which can differ from the email; the API may leave email,
// authhash and yoicsId empty, so each is optional here and checked for its shape before anything uses it.
import { ApiError } from './errors';

export const ACCOUNT_QUERY = 'query Account { login { id email authhash yoicsId } }';

export const ACCOUNTS_QUERY = `query Accounts {
  login {
    id
    email
    membership { organization { id name } }
  }
}`;

export interface AccountInfo {
  id: string;
  email?: string;
  /** service_authhash: what connectd authenticates with. */
  authHash?: string;
  /** The name connectd signs in with. */
  yoicsId?: string;
}

/** An account whose devices the user can list: their own, or an organisation's. */
export interface AccountChoice {
  /** What `login { account(id:) }` takes. */
  id: string;
  /** The email of one's own account, the organisation's name otherwise. */
  name: string;
  kind: 'own' | 'organization';
}

const AUTH_HASH = /^[0-9a-f]{40}$/i;
/** One printable token: it ends up in a provisioning file line or on connectd's command line. */
const PRINTABLE_TOKEN = /^[\x21-\x7e]{1,254}$/;

export function readAccountInfo(data: Record<string, unknown>): AccountInfo {
  const login = signedIn(data);
  const authHash = typeof login.authhash === 'string' && AUTH_HASH.test(login.authhash) ? login.authhash.toUpperCase() : undefined;
  const email = token(login.email);
  const yoicsId = token(login.yoicsId);
  return { id: login.id as string, ...(email ? { email } : {}), ...(authHash ? { authHash } : {}), ...(yoicsId ? { yoicsId } : {}) };
}

/** One's own account first, then each organisation once, in the API's order. */
export function readAccounts(data: Record<string, unknown>): AccountChoice[] {
  const login = signedIn(data);
  const choices: AccountChoice[] = [{ id: login.id as string, name: token(login.email) ?? (login.id as string), kind: 'own' }];
  for (const member of Array.isArray(login.membership) ? login.membership : []) {
    const org = (member as { organization?: { id?: unknown; name?: unknown } } | null)?.organization;
    const id = token(org?.id);
    if (!id || choices.some((c) => c.id === id)) continue;
    choices.push({ id, name: typeof org?.name === 'string' && org.name.trim() ? org.name : id, kind: 'organization' });
  }
  return choices;
}

/** The connectd user for an account: its yoicsId, else (older accounts) its email. */
export function connectdUser(account: AccountInfo, fallbackEmail: string): string {
  return account.yoicsId ?? account.email ?? fallbackEmail;
}

function signedIn(data: Record<string, unknown>): Record<string, unknown> {
  const login = data.login;
  if (login === null) throw new ApiError('auth', 'remote.it does not recognise these credentials. Sign in again.');
  if (typeof login !== 'object' || login === undefined || !token((login as { id?: unknown }).id)) {
    throw new ApiError('malformed', 'remote.it sent an account this extension cannot read (no id).');
  }
  return login as Record<string, unknown>;
}

function token(value: unknown): string | undefined {
  return typeof value === 'string' && PRINTABLE_TOKEN.test(value) ? value : undefined;
}
