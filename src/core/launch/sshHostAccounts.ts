// Which account each managed Host block was written for. The view lists one account at a time (the user's own
// devices or an organisation's), so a refresh may only prune the blocks of the account it listed: the other
// accounts' hosts stay usable from Remote-SSH's "Recent" while the user looks elsewhere.
//
// The record is a small JSON file beside the include file, written under the same lock. It is read
// defensively: anything that is not an alias this extension writes, mapped to a string, is ignored.
import { isManagedAlias } from './sshConfig';

export type HostAccounts = Map<string, string>;

export function readHostAccounts(text: string | undefined): HostAccounts {
  const owners: HostAccounts = new Map();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text ?? '{}');
  } catch {
    return owners;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return owners;
  for (const [alias, account] of Object.entries(parsed)) {
    if (typeof account === 'string' && account.length <= 200 && isManagedAlias(alias)) owners.set(alias, account);
  }
  return owners;
}

export function renderHostAccounts(owners: HostAccounts): string {
  return `${JSON.stringify(Object.fromEntries([...owners].sort(([a], [b]) => a.localeCompare(b))), null, 2)}\n`;
}

/**
 * Whether a managed host survives a full listing of `account` whose SSH services have the aliases `listed`:
 * listed ones do, and so do hosts written for another account. A host with no record (written before records
 * were kept) belongs to whichever account is listed.
 */
export function survivesListing(alias: string, owners: HostAccounts, account: string, listed: ReadonlySet<string>): boolean {
  if (listed.has(alias)) return true;
  const owner = owners.get(alias);
  return owner !== undefined && owner !== account;
}
