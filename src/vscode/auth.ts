// Sign-in flows: email + password, email + existing auth hash, access-key profile. Secrets go straight to
// the SessionStore (SecretStorage); the password itself is never stored.
import * as os from 'node:os';
import * as path from 'node:path';
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import { findProfile, readCredentials } from '../core/remoteit/credentials';
import type { AccountClient } from './accountClient';
import type { Session, SessionStore } from './session';
import { describeError } from './errors';
import { setting } from './settings';

const AUTH_HASH = /^[0-9a-fA-F]{40}$/;
const LAST_EMAIL = 'remoteit.lastEmail';

export class SignIn {
  constructor(
    private readonly sessions: SessionStore,
    private readonly client: AccountClient,
    private readonly memento: vscode.Memento,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /**
   * Email + password → REST /user/login. Returns false when the user cancelled or it failed (already told).
   * `preset` lets automation (tests, other extensions) skip the input boxes.
   */
  async withPassword(preset: { email?: string; password?: string } = {}): Promise<boolean> {
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
    return this.complete('password', () => this.client.loginWithPassword(email, password), email);
  }

  /** Email + an existing service_authhash → REST /user/login/authhash. */
  async withAuthHash(preset: { email?: string; authHash?: string } = {}): Promise<boolean> {
    const email = preset.email ?? (await this.askEmail());
    if (!email) return false;
    const authHash = preset.authHash ?? (await this.askAuthHash(`Auth hash (service_authhash) for ${email}`));
    if (!authHash) return false;
    return this.complete('authhash', () => this.client.loginWithAuthHash(email, authHash), email);
  }

  /** A profile from ~/.remoteit/credentials signs API requests; connectd still needs the account's auth hash. */
  async withAccessKey(preset: { profile?: string; authHash?: string } = {}): Promise<boolean> {
    const file = credentialsFile();
    const profiles = await readCredentials(fs, file);
    if (profiles.length === 0) {
      const create = 'How to create an access key';
      const pick = await vscode.window.showErrorMessage(`No access-key profiles found in ${file}.`, create);
      if (pick === create) void vscode.env.openExternal(vscode.Uri.parse('https://docs.remote.it/developer-tools/authentication'));
      return false;
    }
    const chosen = preset.profile
      ? findProfile(profiles, preset.profile)
      : profiles.length === 1
        ? profiles[0]
        : (
            await vscode.window.showQuickPick(
              profiles.map((p) => ({ label: p.name, description: p.keyId, profile: p })),
              { title: 'remote.it access-key profile', ignoreFocusOut: true },
            )
          )?.profile;
    if (!chosen) {
      if (preset.profile) void vscode.window.showErrorMessage(`No access-key profile "${preset.profile}" in ${file}.`);
      return false;
    }
    const accessKey = { profile: chosen.name, keyId: chosen.keyId, secret: chosen.secret };
    let email: string;
    try {
      email = (await this.client.whoAmI(accessKey)).email;
    } catch (err) {
      void vscode.window.showErrorMessage(`remote.it did not accept the access key of profile "${chosen.name}": ${describeError(err)}`);
      return false;
    }
    const authHash = preset.authHash ?? await this.askAuthHash(
      `connectd needs the auth hash (service_authhash) of ${email}; it is stored in VS Code's secret storage`,
    );
    if (!authHash) return false;
    await this.sessions.save({ email, method: 'accessKey', authHash, accessKey });
    this.log.info(`Signed in as ${email} with access-key profile ${chosen.name}`);
    return true;
  }

  private async complete(method: Session['method'], login: () => Promise<{ email: string; token: string; authHash: string }>, email: string): Promise<boolean> {
    try {
      const result = await login();
      await this.sessions.save({ email: result.email || email, method, token: result.token, authHash: result.authHash });
      await this.memento.update(LAST_EMAIL, result.email || email);
      this.log.info(`Signed in as ${result.email || email}`);
      return true;
    } catch (err) {
      const message = describeError(err);
      this.log.warn(`Sign-in failed: ${message}`);
      const retry = 'Try Again';
      // Not awaited: the caller learns "failed" now; the offer to retry stays on screen.
      void vscode.window.showErrorMessage(`remote.it sign-in failed: ${message}`, retry).then((choice) => {
        if (choice === retry) void (method === 'password' ? this.withPassword({ email }) : this.withAuthHash());
      });
      return false;
    }
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

/** `remoteit.credentialsFile`, else the remote.it CLI's own ~/.remoteit/credentials. */
function credentialsFile(): string {
  const configured = setting('credentialsFile', '');
  if (!configured) return path.join(os.homedir(), '.remoteit', 'credentials');
  return configured.startsWith('~') ? path.join(os.homedir(), configured.slice(1)) : configured;
}
