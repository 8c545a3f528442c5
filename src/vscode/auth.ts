// Sign-in flows: email + password, email + existing auth hash, access-key profile; and the developer key.
// Secrets go straight to SecretStorage (the session, the developer key); the password itself is never stored.
// Commands may carry the credentials as arguments only when the test harness enabled that for this process;
// any other caller gets the input boxes, so no extension or link can sign the user in to an account of its choosing.
import * as os from 'node:os';
import * as path from 'node:path';
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import { describeError } from '../core/describeError';
import { isApiError } from '../core/remoteit/api';
import { findProfile, readCredentials, type AccessKeyProfile } from '../core/remoteit/credentials';
import { MAX_MESSAGE_LENGTH, plain } from '../core/untrusted/text';
import type { AccountClient } from './accountClient';
import type { DeveloperKeyStore } from './developerKey';
import type { Session, SessionStore } from './session';

const AUTH_HASH = /^[0-9a-fA-F]{40}$/;
const LAST_EMAIL = 'remoteit.lastEmail';
/** Set by the test harness (it points at the test fixture); only then do sign-in commands take credentials as arguments. */
export const PRESET_SIGN_IN_ENV = 'REMOTEIT_TEST_FIXTURE';
/** Context key for the welcome view: an access-key profile exists, so it is offered first. */
export const ACCESS_KEY_CONTEXT = 'remoteit.accessKeyProfile';
const ACCESS_KEY_DOCS = 'https://docs.remote.it/developer-tools/authentication';

export interface SignInSettings {
  /** remoteit.credentialsFile; empty: ~/.remoteit/credentials. */
  credentialsFile: string;
}

export class SignIn {
  constructor(
    private readonly sessions: SessionStore,
    private readonly client: AccountClient,
    private readonly developerKey: DeveloperKeyStore,
    private readonly memento: vscode.Memento,
    private readonly settings: () => SignInSettings,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** Email + password → REST /user/login. Returns false when the user cancelled or it failed (already told). */
  withPassword(arg?: { email?: string; password?: string }): Promise<boolean> {
    return this.password(this.preset(arg));
  }

  /** Email + an existing service_authhash → REST /user/login/authhash. */
  withAuthHash(arg?: { email?: string; authHash?: string }): Promise<boolean> {
    return this.authHash(this.preset(arg));
  }

  /** A profile from ~/.remoteit/credentials signs API requests; the account's auth hash (for connectd) comes from the API. */
  withAccessKey(arg?: { profile?: string; authHash?: string }): Promise<boolean> {
    return this.accessKey(this.preset(arg));
  }

  private async password(preset: { email?: string; password?: string }): Promise<boolean> {
    const email = preset.email ?? (await this.askEmail());
    if (!email) return false;
    const password = preset.password ?? await vscode.window.showInputBox({
      title: 'Sign in to remote.it (2/2)',
      prompt: `Password for ${email}`,
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) => (v ? undefined : 'Enter your remote.it password'),
    });
    if (!password) return false;
    return this.complete('password', () => this.client.signInWithPassword(email, password), email);
  }

  private async authHash(preset: { email?: string; authHash?: string }): Promise<boolean> {
    const email = preset.email ?? (await this.askEmail());
    if (!email) return false;
    const authHash = preset.authHash ?? (await this.askAuthHash(`Auth hash (service_authhash) for ${email}`));
    if (!authHash) return false;
    return this.complete('authhash', () => this.client.signInWithAuthHash(email, authHash), email);
  }

  private async accessKey(preset: { profile?: string; authHash?: string }): Promise<boolean> {
    const file = this.credentialsFile();
    const profiles = await this.profiles();
    if (profiles.length === 0) {
      const create = 'How to create an access key';
      const pick = await vscode.window.showErrorMessage(`No access-key profiles found in ${file}.`, create);
      if (pick === create) void vscode.env.openExternal(vscode.Uri.parse(ACCESS_KEY_DOCS));
      return false;
    }
    const chosen = preset.profile
      ? findProfile(profiles, preset.profile)
      : profiles.length === 1
        ? profiles[0]
        : (
            await vscode.window.showQuickPick(
              profiles.map((p) => ({ label: plain(p.name), description: plain(p.keyId), profile: p })),
              { title: 'remote.it access-key profile', ignoreFocusOut: true },
            )
          )?.profile;
    if (!chosen) {
      if (preset.profile) void vscode.window.showErrorMessage(`No access-key profile "${plain(preset.profile)}" in ${file}.`);
      return false;
    }
    const accessKey = { profile: chosen.name, keyId: chosen.keyId, secret: chosen.secret };
    let checked: Awaited<ReturnType<AccountClient['signInWithAccessKey']>>;
    try {
      checked = await this.client.signInWithAccessKey(accessKey);
    } catch (err) {
      const message = plain(describeError(err), MAX_MESSAGE_LENGTH);
      this.log.warn(`Access-key sign-in failed: ${message}`);
      void vscode.window.showErrorMessage(`remote.it did not accept the access key of profile "${plain(chosen.name)}": ${message}`);
      return false;
    }
    // Older accounts may not expose their auth hash to access keys; then it is asked for once, as before.
    const authHash = checked.authHash ?? preset.authHash ?? (await this.askAuthHash(
      `remote.it did not give the auth hash (service_authhash) of ${plain(checked.session.email)}, which connectd needs; it is stored in VS Code's secret storage`,
    ));
    if (!authHash) return false;
    await this.sessions.save({ ...checked.session, authHash });
    this.log.info(`Signed in as ${plain(checked.session.email)} with access-key profile ${plain(chosen.name)}`);
    return true;
  }

  /** `remoteit.setDeveloperKey`: stores (or, when emptied, removes) the developer key sent with REST sign-in. */
  setDeveloperKey(arg?: { key?: string }): Promise<boolean> {
    return this.developerKeyFlow(this.preset(arg));
  }

  private async developerKeyFlow(preset: { key?: string }): Promise<boolean> {
    const value = preset.key ?? await vscode.window.showInputBox({
      title: 'remote.it developer key',
      prompt: 'The developer API key of your remote.it account, sent when signing in with a password. Leave empty to remove it.',
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) => (/^[\x21-\x7e]{0,200}$/.test(v.trim()) ? undefined : 'A developer key is one word of letters, digits and punctuation'),
    });
    if (value === undefined) return false;
    await this.developerKey.set(value.trim());
    void vscode.window.showInformationMessage(value.trim() ? 'remote.it developer key saved in VS Code\'s secret storage.' : 'remote.it developer key removed.');
    return true;
  }

  /** Sets the welcome view's context key: with an access-key profile present, access-key sign-in is offered first. */
  async updateWelcomeContext(): Promise<void> {
    const profiles = await this.profiles().catch(() => []);
    await vscode.commands.executeCommand('setContext', ACCESS_KEY_CONTEXT, profiles.length > 0);
  }

  private async complete(method: Session['method'], signIn: () => Promise<Session>, email: string): Promise<boolean> {
    try {
      const session = await signIn();
      await this.sessions.save(session);
      await this.memento.update(LAST_EMAIL, email);
      this.log.info(`Signed in as ${plain(session.email)}`);
      return true;
    } catch (err) {
      const message = plain(describeError(err), MAX_MESSAGE_LENGTH);
      this.log.warn(`Sign-in failed: ${message}`);
      // Not awaited: the caller learns "failed" now; the offer stays on screen.
      void this.offerNextStep(method, err, message, email);
      return false;
    }
  }

  /** After a failed sign-in: the step that can help — a developer key, an access key, or trying again. */
  private async offerNextStep(method: Session['method'], err: unknown, message: string, email: string): Promise<void> {
    const retry = 'Try Again';
    const enterKey = 'Enter Developer Key';
    const useAccessKey = 'Use an Access Key';
    const passwordRefused = method === 'password' && (isApiError(err, 'invalidLogin') || isApiError(err, 'mfaRequired'));
    if (isApiError(err, 'developerKey')) {
      const choice = await vscode.window.showErrorMessage(`remote.it sign-in failed: ${message}`, enterKey, useAccessKey);
      if (choice === enterKey && (await this.developerKeyFlow({}))) void this.retry(method, email);
      if (choice === useAccessKey) void this.accessKey({});
      return;
    }
    if (passwordRefused) {
      // Password sign-in does not work for accounts that use Google sign-in or two-factor; access keys work for all.
      const hint = 'Accounts that use Google sign-in or two-factor authentication sign in with an access key.';
      const choice = await vscode.window.showErrorMessage(`remote.it sign-in failed: ${message} ${hint}`, useAccessKey, retry);
      if (choice === useAccessKey) {
        if ((await this.profiles().catch(() => [])).length > 0) void this.accessKey({});
        else void vscode.env.openExternal(vscode.Uri.parse(ACCESS_KEY_DOCS));
      }
      if (choice === retry) void this.retry(method, email);
      return;
    }
    const choice = await vscode.window.showErrorMessage(`remote.it sign-in failed: ${message}`, retry);
    if (choice === retry) void this.retry(method, email);
  }

  private retry(method: Session['method'], email: string): Promise<boolean> {
    return method === 'password' ? this.password({ email }) : this.authHash({ email });
  }

  /** Arguments are credentials only under the test harness; elsewhere they are ignored (the user is asked). */
  private preset<T extends object>(arg: T | undefined): Partial<T> {
    if (!arg || typeof arg !== 'object') return {};
    if (process.env[PRESET_SIGN_IN_ENV]) return arg;
    this.log.warn('A sign-in command was called with credentials as arguments; they are ignored and the user is asked instead.');
    return {};
  }

  private profiles(): Promise<AccessKeyProfile[]> {
    return readCredentials(fs, this.credentialsFile());
  }

  private credentialsFile(): string {
    const configured = this.settings().credentialsFile;
    if (!configured) return path.join(os.homedir(), '.remoteit', 'credentials');
    return configured.startsWith('~') ? path.join(os.homedir(), configured.slice(1)) : configured;
  }

  private askEmail(): Thenable<string | undefined> {
    return vscode.window.showInputBox({
      title: 'Sign in to remote.it (1/2)',
      prompt: 'Your remote.it account email',
      placeHolder: 'name@example.com',
      value: this.memento.get<string>(LAST_EMAIL) ?? '',
      ignoreFocusOut: true,
      validateInput: (v) => (/^\S+@\S+$/.test(v.trim()) ? undefined : 'Enter the email address of your remote.it account'),
    }).then((v) => v?.trim());
  }

  private askAuthHash(prompt: string): Thenable<string | undefined> {
    return vscode.window.showInputBox({
      title: 'remote.it auth hash',
      prompt,
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) => (AUTH_HASH.test(v.trim()) ? undefined : 'An auth hash is 40 hexadecimal characters'),
    }).then((v) => v?.trim().toUpperCase());
  }
}
