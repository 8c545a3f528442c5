// The remote.it API as the signed-in window uses it: the client is rebuilt from the current settings on
// every call (so a changed `remoteit.apiUrl` applies at once), authenticated from the session.
import * as vscode from 'vscode';
import { RemoteItApi, type AuthMaterial, type ListDevicesOptions, type LoginResult, type ProxyConnection } from '../core/remoteit/api';
import type { Device } from '../core/remoteit/model';
import type { Session, SessionStore } from './session';
import { setting } from './settings';

export type { ProxyConnection };

export class AccountClient {
  private warned = new Set<string>();

  constructor(
    private readonly sessions: SessionStore,
    private readonly log: vscode.LogOutputChannel,
    private readonly version: string,
  ) {}

  loginWithPassword(email: string, password: string): Promise<LoginResult> {
    return this.api().loginWithPassword(email, password);
  }

  loginWithAuthHash(email: string, authHash: string): Promise<LoginResult> {
    return this.api().loginWithAuthHash(email, authHash);
  }

  whoAmI(accessKey: { keyId: string; secret: string }): Promise<{ id: string; email: string }> {
    return this.api({ kind: 'accessKey', keyId: accessKey.keyId, secret: accessKey.secret }).whoAmI();
  }

  listDevices(opts: ListDevicesOptions = {}): Promise<Device[]> {
    return this.api(this.auth()).listDevices(opts);
  }

  connectProxy(serviceId: string, hostIp: string): Promise<ProxyConnection> {
    return this.api(this.auth()).connectProxy(serviceId, hostIp);
  }

  disconnectProxy(serviceId: string, connectionId: string): Promise<void> {
    return this.api(this.auth()).disconnectProxy(serviceId, connectionId);
  }

  private auth(): AuthMaterial | undefined {
    return authFor(this.sessions.session);
  }

  private api(auth?: AuthMaterial): RemoteItApi {
    return new RemoteItApi(
      {
        baseUrl: setting('apiUrl', 'https://api.remote.it').replace(/\/+$/, ''),
        fetch: globalThis.fetch,
        developerKey: setting('developerKey', '') || undefined,
        userAgent: `remoteit-vscode/${this.version}`,
        onWarning: (warning) => {
          // X-R3-Warning (e.g. "121 client deprecated"): tell the user once per window.
          if (this.warned.has(warning)) return;
          this.warned.add(warning);
          this.log.warn(`remote.it API warning: ${warning}`);
          void vscode.window.showWarningMessage(`remote.it: ${warning}`);
        },
      },
      auth,
    );
  }
}

function authFor(session: Session | undefined): AuthMaterial | undefined {
  if (!session) return undefined;
  if (session.accessKey) return { kind: 'accessKey', keyId: session.accessKey.keyId, secret: session.accessKey.secret };
  return session.token ? { kind: 'token', token: session.token } : undefined;
}
