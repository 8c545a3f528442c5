// The signed-in account, kept only in SecretStorage (encrypted, per machine) and shared by every window. A
// session remembers the API it was issued by; nothing of it is ever sent anywhere else.
import * as vscode from 'vscode';
import { Emitter } from '../core/events';

export type SignInMethod = 'password' | 'authhash' | 'accessKey';

export interface Session {
  /** The account's email (its id when the API has none): what the window shows. */
  email: string;
  method: SignInMethod;
  /** service_authhash: what connectd authenticates with. */
  authHash: string;
  /** The name connectd signs in as: the account's yoicsId, or its email when the account has none. */
  connectdUser: string;
  /** The account id (`login { id }`). */
  userId: string;
  /** The API base URL that issued this session; a different remoteit.apiUrl means signing in again. */
  apiUrl: string;
  /** REST login token (password / auth-hash sign-in). */
  token?: string;
  /** Access-key profile (HTTP-signature sign-in). */
  accessKey?: { profile: string; keyId: string; secret: string };
}

export type SessionState = 'unknown' | 'signedIn' | 'signedOut';

const SECRET_KEY = 'remoteit.session';

export class SessionStore implements vscode.Disposable {
  private current: Session | undefined;
  private stateValue: SessionState = 'unknown';
  private readonly changed = new Emitter<Session | undefined>();
  private readonly subscription: vscode.Disposable;
  readonly onDidChange = this.changed.event;

  constructor(private readonly secrets: vscode.SecretStorage) {
    // Another window signing in or out changes the secret; follow it so all windows agree.
    this.subscription = secrets.onDidChange((e) => {
      if (e.key === SECRET_KEY) void this.load();
    });
  }

  get session(): Session | undefined {
    return this.current;
  }

  get state(): SessionState {
    return this.stateValue;
  }

  async load(): Promise<Session | undefined> {
    const raw = await this.secrets.get(SECRET_KEY);
    let next: Session | undefined;
    try {
      next = raw ? parseSession(JSON.parse(raw)) : undefined;
    } catch {
      next = undefined; // an unreadable secret is treated as signed out; signing in again replaces it
    }
    this.apply(next);
    return next;
  }

  async save(session: Session): Promise<void> {
    await this.secrets.store(SECRET_KEY, JSON.stringify(session));
    this.apply(session);
  }

  async clear(): Promise<void> {
    await this.secrets.delete(SECRET_KEY);
    this.apply(undefined);
  }

  private apply(next: Session | undefined): void {
    const before = JSON.stringify(this.current ?? null);
    this.current = next;
    this.stateValue = next ? 'signedIn' : 'signedOut';
    void vscode.commands.executeCommand('setContext', 'remoteit.state', this.stateValue);
    if (before !== JSON.stringify(next ?? null)) this.changed.fire(next);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function parseSession(value: unknown): Session | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const s = value as Partial<Session>;
  // A session saved without the API it belongs to (or connectd's user) cannot be used safely: sign in again.
  const fields = [s.email, s.authHash, s.connectdUser, s.userId, s.apiUrl];
  if (!fields.every((f) => typeof f === 'string' && f !== '') || !s.method) return undefined;
  return s as Session;
}
