// The remote.it developer key (sent as `developerkey` on REST sign-in), kept in SecretStorage like the session:
// a settings file can be written by a repository and is often synced or shared, a secret store is not.
import type * as vscode from 'vscode';

const SECRET_KEY = 'remoteit.developerKey';

export class DeveloperKeyStore {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  async get(): Promise<string | undefined> {
    return (await this.secrets.get(SECRET_KEY)) || undefined;
  }

  /** An empty value removes the key. */
  async set(value: string): Promise<void> {
    if (value) await this.secrets.store(SECRET_KEY, value);
    else await this.secrets.delete(SECRET_KEY);
  }
}
