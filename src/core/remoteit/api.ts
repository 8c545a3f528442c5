// The remote.it API client: REST sign-in (apv/v27), and GraphQL for who the credentials belong to, the
// accounts they may list, their devices (paged), application types, and cloud-proxy connect/disconnect.
// Transport concerns (auth headers, origin, retries, error mapping) live in transport.ts; answer shapes in
// their own readers.
import { ACCOUNT_QUERY, ACCOUNTS_QUERY, readAccountInfo, readAccounts, type AccountChoice, type AccountInfo } from './account';
import { applicationType, type ApplicationTypeInfo } from './applicationTypes';
import { CONNECT_MUTATION, DISCONNECT_MUTATION, PROXY_TYPE, readProxyConnection, type ProxyConnection } from './cloudProxy';
import { ApiError } from './errors';
import { ACCOUNT_DEVICES_QUERY, DEVICE_SORT, DEVICES_QUERY, MAX_PAGE_SIZE, readDevicePage } from './graphqlDevices';
import { readLoginResponse, type LoginMethod, type LoginResult } from './loginResponse';
import type { Device, OnlineState } from './model';
import { ApiTransport, type AuthMaterial, type TransportOptions } from './transport';

export { ApiError, isApiError, type ApiErrorKind } from './errors';
export type { AuthMaterial, TransportOptions as RemoteItApiOptions } from './transport';
export type { LoginResult } from './loginResponse';
export type { ProxyConnection } from './cloudProxy';
export type { AccountChoice, AccountInfo } from './account';

export const REST_PREFIX = '/apv/v27';
export const GRAPHQL_PATH = '/graphql/v1';
export const APPLICATION_TYPES_QUERY = 'query ApplicationTypes { applicationTypes { id name description port protocol proxy } }';
/** 100 full pages: 100,000 devices. A listing that goes on longer is not followed. */
export const MAX_PAGES = 100;

/** Where the credentials of the signed-in user come from; asked on every call so a new sign-in applies at once. */
export type AuthProvider = AuthMaterial | (() => AuthMaterial | undefined | Promise<AuthMaterial | undefined>);

export interface ListDevicesOptions {
  /** An organisation's account (from listAccounts); absent: the signed-in user's own devices. */
  accountId?: string;
  /** Case-insensitive substring of the device name (server-side filter). */
  name?: string;
  state?: OnlineState;
  /** Devices per request, at most 1000 (the API's cap). */
  pageSize?: number;
  signal?: AbortSignal;
  /** After each page: devices loaded so far and the total the API reports. */
  onPage?: (loaded: number, total: number) => void;
  /** Records left out because their id is not a remote.it address (told once per page that had any). */
  onSkipped?: (count: number) => void;
  /** Default MAX_PAGES. */
  maxPages?: number;
}

export class RemoteItApi {
  private readonly transport: ApiTransport;

  constructor(
    private readonly options: TransportOptions,
    private readonly auth?: AuthProvider,
  ) {
    this.transport = new ApiTransport(options);
  }

  /** Email + password → session token and auth hash. The password is sent once and kept nowhere. */
  loginWithPassword(email: string, password: string, signal?: AbortSignal): Promise<LoginResult> {
    return this.login('/user/login', { username: email, password }, 'password', email, signal);
  }

  /** Email + an existing service_authhash → session token (and the same auth hash). */
  loginWithAuthHash(email: string, authHash: string, signal?: AbortSignal): Promise<LoginResult> {
    return this.login('/user/login/authhash', { username: email, authhash: authHash }, 'authHash', email, signal);
  }

  /** Who the credentials belong to: id, email, auth hash and connectd name (yoicsId), as far as the API knows them. */
  async account(signal?: AbortSignal): Promise<AccountInfo> {
    return readAccountInfo(await this.graphql(ACCOUNT_QUERY, {}, { idempotent: true, signal }));
  }

  /** The user's own account, then every organisation they are a member of. */
  async listAccounts(signal?: AbortSignal): Promise<AccountChoice[]> {
    return readAccounts(await this.graphql(ACCOUNTS_QUERY, {}, { idempotent: true, signal }));
  }

  /**
   * Every device (with services) of the signed-in user, or of the organisation `accountId`, fetched page by page
   * (`from` = records read so far) until the API says there are no more or the total is reached. Resolves
   * only with the complete list; any failure rejects without partial data.
   */
  async listDevices(opts: ListDevicesOptions = {}): Promise<Device[]> {
    const size = Math.max(1, Math.min(opts.pageSize ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE));
    const maxPages = opts.maxPages ?? MAX_PAGES;
    const byId = new Map<string, Device>();
    const query = opts.accountId === undefined ? DEVICES_QUERY : ACCOUNT_DEVICES_QUERY;
    for (let from = 0, pages = 0; ; pages++) {
      if (pages === maxPages) {
        throw new ApiError('tooLarge', `This account lists more than ${(maxPages * size).toLocaleString('en-US')} devices, more than this extension reads. Filter the devices by name.`);
      }
      const variables = {
        ...(opts.accountId === undefined ? {} : { account: opts.accountId }),
        size,
        from,
        sort: DEVICE_SORT,
        ...(opts.name ? { name: opts.name } : {}),
        ...(opts.state ? { state: opts.state } : {}),
      };
      const page = readDevicePage(await this.graphql(query, variables, { idempotent: true, signal: opts.signal }), opts.accountId);
      if (page.skipped > 0) opts.onSkipped?.(page.skipped);
      const before = byId.size;
      // A device can move between pages while we read; the first sighting wins, so ids stay unique.
      for (const device of page.items) if (!byId.has(device.id)) byId.set(device.id, device);
      opts.onPage?.(byId.size, Math.max(page.total, byId.size));
      from += page.items.length + page.skipped;
      if (!page.hasMore || from >= page.total) break;
      if (byId.size === before && page.skipped === 0) {
        throw new ApiError('malformed', 'remote.it kept promising more devices but sent no new ones. Try again later.');
      }
    }
    return [...byId.values()];
  }

  /** The API's application types, completed with this extension's icon and launch knowledge. */
  async applicationTypes(signal?: AbortSignal): Promise<ApplicationTypeInfo[]> {
    const data = await this.graphql(APPLICATION_TYPES_QUERY, {}, { idempotent: true, signal });
    if (!Array.isArray(data.applicationTypes)) throw new ApiError('malformed', 'remote.it sent no application types.');
    return data.applicationTypes.map((value: unknown) => {
      const t = value as Record<string, unknown> | null;
      if (typeof t?.id !== 'number' || typeof t.name !== 'string') throw new ApiError('malformed', 'remote.it sent an application type without id or name.');
      const known = applicationType(t.id, t.name);
      return {
        ...known,
        name: t.name,
        defaultPort: typeof t.port === 'number' && t.port > 0 ? t.port : known.defaultPort,
        ...(typeof t.description === 'string' ? { description: t.description } : {}),
        ...(typeof t.protocol === 'string' ? { protocol: t.protocol } : {}),
        ...(typeof t.proxy === 'boolean' ? { proxy: t.proxy } : {}),
      };
    });
  }

  /** Opens a cloud-proxy connection. hostIP: 255.255.255.255 latching, 0.0.0.0 public, else only that IP. */
  async connectProxy(serviceId: string, hostIP: string, signal?: AbortSignal): Promise<ProxyConnection> {
    // Mutations are not repeated after a 5xx: the first attempt may already have taken effect.
    return readProxyConnection(await this.graphql(CONNECT_MUTATION, { serviceId, hostIP, type: PROXY_TYPE }, { idempotent: false, signal }));
  }

  async disconnectProxy(serviceId: string, connectionId: string, signal?: AbortSignal): Promise<void> {
    const data = await this.graphql(DISCONNECT_MUTATION, { serviceId, connectionId }, { idempotent: false, signal });
    if (data.disconnect !== true) throw new ApiError('rejected', 'remote.it did not find that proxy connection; it may have expired already.');
  }

  private async login(path: string, body: Record<string, string>, method: LoginMethod, email: string, signal?: AbortSignal): Promise<LoginResult> {
    const response = await this.transport.send({ method: 'POST', path: REST_PREFIX + path, body, headers: this.developerKeyHeader(), idempotent: true, signal });
    return readLoginResponse(response, method, email);
  }

  private developerKeyHeader(): Record<string, string> {
    return this.options.developerKey ? { developerkey: this.options.developerKey } : {};
  }

  /** `data` of a GraphQL answer; `errors[]` become an ApiError carrying their messages. */
  private async graphql(query: string, variables: Record<string, unknown>, how: { idempotent: boolean; signal?: AbortSignal }): Promise<Record<string, unknown>> {
    const auth = await this.currentAuth();
    const response = await this.transport.send({ method: 'POST', path: GRAPHQL_PATH, body: { query, variables }, auth, ...how });
    const body = response.body as Record<string, unknown> | null;
    const errors = typeof body === 'object' && body !== null && Array.isArray(body.errors) ? body.errors : [];
    if (errors.length > 0) {
      const messages = [...new Set(errors.map((e: unknown) => (e as { message?: unknown } | null)?.message).filter((m): m is string => typeof m === 'string' && m !== ''))];
      throw new ApiError('graphql', messages.join('; ') || 'remote.it reported an error without a message.', response.status);
    }
    if (response.status < 200 || response.status >= 300) {
      throw new ApiError('rejected', `remote.it refused the request (HTTP ${response.status}).`, response.status);
    }
    if (typeof body !== 'object' || body === null || typeof body.data !== 'object' || body.data === null) {
      throw new ApiError('malformed', 'remote.it sent an answer this extension cannot read (no data). Try again later.', response.status);
    }
    return body.data as Record<string, unknown>;
  }

  private async currentAuth(): Promise<AuthMaterial> {
    const auth = typeof this.auth === 'function' ? await this.auth() : this.auth;
    if (!auth) throw new ApiError('auth', 'Sign in to remote.it first.');
    return auth;
  }
}
