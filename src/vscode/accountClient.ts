// The remote.it API as the signed-in window uses it. Sign-in goes to the API URL the settings name now (https,
// or http on this machine); everything after it goes to the API the session was issued by, and only while
// the setting still names it — a changed remoteit.apiUrl means signing in again, never handing the session over.
import * as vscode from 'vscode';
import { connectdUser } from '../core/remoteit/account';
import {
  ApiError,
  RemoteItApi,
  type AccountChoice,
  type AccountInfo,
  type AuthMaterial,
  type ListDevicesOptions,
  type ProxyConnection,
} from '../core/remoteit/api';
import { apiEndpoint, sessionEndpoint } from '../core/remoteit/endpoint';
import type { Device } from '../core/remoteit/model';
import type { SignatureScheme } from '../core/remoteit/transport';
import { MAX_MESSAGE_LENGTH, plain } from '../core/untrusted/text';
import type { DeveloperKeyStore } from './developerKey';
import type { Session, SessionStore } from './session';

export type { AccountChoice, ProxyConnection };

/** The settings this client reads on every call, so a change applies at once. */
export interface ApiSettings {
  apiUrl: string;
  /** 'cavage' selects draft-cavage signatures for access keys; anything else RFC 9421. */
  signatureScheme?: string;
}

export interface AccountClientDeps {
  sessions: SessionStore;
  settings: () => ApiSettings;
  developerKey: DeveloperKeyStore;
  log: vscode.LogOutputChannel;
  version: string;
}

/** A checked access-key sign-in: the session to save, less the auth hash when the API did not give it. */
export interface AccessKeySignIn {
  session: Omit<Session, 'authHash'>;
  authHash?: string;
}

export class AccountClient {
  private readonly warned = new Set<string>();

  constructor(private readonly deps: AccountClientDeps) {}

  /** Email + password → a session (token, auth hash, connectd user). The password is sent once, to one origin. */
  async signInWithPassword(email: string, password: string): Promise<Session> {
    const baseUrl = apiEndpoint(this.deps.settings().apiUrl).baseUrl;
    const login = await (await this.api(baseUrl)).loginWithPassword(email, password);
    return this.sessionFor(baseUrl, 'password', login, email);
  }

  /** Email + an existing auth hash → a session. */
  async signInWithAuthHash(email: string, authHash: string): Promise<Session> {
    const baseUrl = apiEndpoint(this.deps.settings().apiUrl).baseUrl;
    const login = await (await this.api(baseUrl)).loginWithAuthHash(email, authHash);
    return this.sessionFor(baseUrl, 'authhash', login, email);
  }

  /** Checks an access key and reads its account, auth hash included when the API gives it. */
  async signInWithAccessKey(accessKey: { profile: string; keyId: string; secret: string }): Promise<AccessKeySignIn> {
    const baseUrl = apiEndpoint(this.deps.settings().apiUrl).baseUrl;
    const account = await (await this.api(baseUrl, { kind: 'accessKey', keyId: accessKey.keyId, secret: accessKey.secret })).account();
    const email = account.email ?? account.id;
    return {
      session: { email, method: 'accessKey', accessKey, apiUrl: baseUrl, userId: account.id, connectdUser: connectdUser(account, email) },
      ...(account.authHash ? { authHash: account.authHash } : {}),
    };
  }

  /** The user's own account and the organisations whose devices they can list. */
  async listAccounts(): Promise<AccountChoice[]> {
    return (await this.sessionApi()).listAccounts();
  }

  async listDevices(opts: ListDevicesOptions = {}): Promise<Device[]> {
    return (await this.sessionApi()).listDevices(opts);
  }

  async connectProxy(serviceId: string, hostIp: string): Promise<ProxyConnection> {
    return (await this.sessionApi()).connectProxy(serviceId, hostIp);
  }

  async disconnectProxy(serviceId: string, connectionId: string): Promise<void> {
    return (await this.sessionApi()).disconnectProxy(serviceId, connectionId);
  }

  private async sessionFor(baseUrl: string, method: 'password' | 'authhash', login: { email: string; token: string; authHash: string }, typed: string): Promise<Session> {
    const account: AccountInfo = await (await this.api(baseUrl, { kind: 'token', token: login.token })).account();
    const email = account.email ?? login.email ?? typed;
    return { email, method, token: login.token, authHash: login.authHash, apiUrl: baseUrl, userId: account.id, connectdUser: connectdUser(account, email) };
  }

  /** A client for the signed-in session, at the API that issued it. */
  private async sessionApi(): Promise<RemoteItApi> {
    const session = this.deps.sessions.session;
    if (!session) throw new ApiError('auth', 'Sign in to remote.it first.');
    const baseUrl = sessionEndpoint(session.apiUrl, this.deps.settings().apiUrl).baseUrl;
    return this.api(baseUrl, authFor(session));
  }

  private async api(baseUrl: string, auth?: AuthMaterial): Promise<RemoteItApi> {
    const scheme: SignatureScheme = this.deps.settings().signatureScheme === 'cavage' ? 'cavage' : 'rfc9421';
    return new RemoteItApi(
      {
        baseUrl,
        fetch: globalThis.fetch,
        developerKey: await this.deps.developerKey.get(),
        signatureScheme: scheme,
        userAgent: `remoteit-vscode/${this.deps.version}`,
        onWarning: (warning) => {
          // X-R3-Warning (e.g. "121 client deprecated"): tell the user once per window.
          if (this.warned.has(warning)) return;
          this.warned.add(warning);
          this.deps.log.warn(`remote.it API warning: ${plain(warning, MAX_MESSAGE_LENGTH)}`);
          void vscode.window.showWarningMessage(`remote.it: ${plain(warning, MAX_MESSAGE_LENGTH)}`);
        },
      },
      auth,
    );
  }
}

function authFor(session: Session): AuthMaterial | undefined {
  if (session.accessKey) return { kind: 'accessKey', keyId: session.accessKey.keyId, secret: session.accessKey.secret };
  return session.token ? { kind: 'token', token: session.token } : undefined;
}
