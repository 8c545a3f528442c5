// Which account's devices the view lists: the user's own, or an organisation they are a member of. The choice
// is remembered per user (a different sign-in starts at its own devices) and shared by every window.
import * as vscode from 'vscode';
import { Emitter } from '../core/events';
import { describeError } from '../core/describeError';
import { MAX_MESSAGE_LENGTH, plain } from '../core/untrusted/text';
import type { AccountChoice, AccountClient } from './accountClient';
import type { SessionStore } from './session';
import { pickOne } from './quickPick';

const CHOSEN = 'remoteit.account';

interface Remembered {
  userId: string;
  account: AccountChoice;
}

export class AccountPicker implements vscode.Disposable {
  private readonly changed = new Emitter<AccountChoice | undefined>();
  /** Fires when the user picks another account. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly client: AccountClient,
    private readonly sessions: SessionStore,
    private readonly memento: vscode.Memento,
  ) {}

  /** The organisation account to list (ListDevicesOptions.accountId); undefined: the user's own devices. */
  accountId(): string | undefined {
    const chosen = this.remembered();
    return chosen?.account.kind === 'organization' ? chosen.account.id : undefined;
  }

  /** What the view shows as the current account: the organisation's name, else the signed-in email. */
  label(): string | undefined {
    return this.remembered()?.account.name ?? this.sessions.session?.email;
  }

  /** `remoteit.switchAccount`: a quick pick of the accounts; true when the choice changed. */
  async pick(): Promise<boolean> {
    let accounts: AccountChoice[];
    try {
      accounts = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'remote.it: reading accounts' }, () => this.client.listAccounts());
    } catch (err) {
      void vscode.window.showErrorMessage(`remote.it could not list your accounts: ${plain(describeError(err), MAX_MESSAGE_LENGTH)}`);
      return false;
    }
    const current = this.accountId();
    const items = accounts.map((account) => ({
      label: plain(account.name),
      description: account.kind === 'own' ? 'your devices' : 'organisation',
      account,
    }));
    const shown = (account: AccountChoice) => (account.kind === 'own' ? current === undefined : account.id === current);
    const picked = await pickOne(items, { title: 'remote.it: show the devices of', active: items.find((i) => shown(i.account)), ignoreFocusOut: true });
    const session = this.sessions.session;
    if (!picked || !session) return false;
    const next = picked.account.kind === 'organization' ? picked.account.id : undefined;
    if (next === current) return false;
    await this.memento.update(CHOSEN, { userId: session.userId, account: picked.account } satisfies Remembered);
    this.changed.fire(picked.account);
    return true;
  }

  private remembered(): Remembered | undefined {
    const value = this.memento.get<Remembered>(CHOSEN);
    const session = this.sessions.session;
    return session && value?.userId === session.userId && typeof value.account?.id === 'string' ? value : undefined;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
