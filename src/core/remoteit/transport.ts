// One HTTP exchange with the remote.it API over an injected `fetch`: authentication headers (token or HTTP
// Signature), bounded retries (429 after Retry-After; 5xx, timeouts and lost connections with backoff, for
// requests that are safe to repeat), the X-R3-Warning header reported once, and JSON parsing that fails
// cleanly. Callers get the status and the parsed body; every failure is an ApiError with a user sentence.
import { ApiError } from './errors';
import { signRequest } from './signature';

/** What proves who the caller is: a session token from a login, or an access key that signs each request. */
export type AuthMaterial = { kind: 'token'; token: string } | { kind: 'accessKey'; keyId: string; secret: string };

export interface TransportOptions {
  /** API root, e.g. https://api.remote.it (REST under /apv/v27, GraphQL under /graphql/v1). */
  baseUrl: string;
  fetch: typeof fetch;
  /** Sent as `developerkey` on legacy REST calls. */
  developerKey?: string;
  /** Wall-clock time for the signed Date header and Retry-After dates. */
  clock?: { now(): number };
  /** Waits between retries; injected so tests never really wait. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  userAgent?: string;
  /** Called once per distinct X-R3-Warning the API sends (e.g. "121 client deprecated"). */
  onWarning?: (warning: string) => void;
  /** How long one attempt may take before it counts as timed out. Default 30 s. */
  timeoutMs?: number;
  /** Extra attempts after the first for throttling, server errors and timeouts. Default 3. */
  maxRetries?: number;
}

export interface ApiRequest {
  method: 'GET' | 'POST';
  /** Path under baseUrl, e.g. /graphql/v1. */
  path: string;
  /** Sent as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Present for calls that need a signed-in caller: 401/403 then mean "sign in again". */
  auth?: AuthMaterial;
  /** Safe to send again after a 5xx or a lost answer (queries yes, mutations no). 429 is always retried. */
  idempotent: boolean;
  signal?: AbortSignal;
}

export interface ApiResponse {
  status: number;
  /** Parsed JSON, or the raw text of a non-2xx answer that was not JSON. */
  body: unknown;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RETRIES = 3;
/** Backoff before retry n (1-based) after a 5xx or timeout: 1 s, 2 s, 4 s … capped. */
const BACKOFF_MS = (retry: number) => Math.min(1000 * 2 ** (retry - 1), 8000);
/** A Retry-After longer than this is not waited out: the user hears "throttled" instead. */
export const MAX_RETRY_AFTER_MS = 30_000;
const DEFAULT_RETRY_AFTER_MS = 1000;

type Failure = { retry: true; waitMs: number; error: ApiError } | { retry: false; error: ApiError };

export class ApiTransport {
  private readonly warned = new Set<string>();

  constructor(private readonly options: TransportOptions) {}

  async send(request: ApiRequest): Promise<ApiResponse> {
    const maxRetries = this.options.maxRetries ?? DEFAULT_MAX_RETRIES;
    for (let retry = 0; ; retry++) {
      const outcome = await this.attempt(request, retry + 1);
      if ('status' in outcome) return outcome;
      if (!outcome.retry || retry >= maxRetries) throw outcome.error;
      await this.wait(outcome.waitMs, request.signal);
    }
  }

  private async attempt(request: ApiRequest, retryNumber: number): Promise<ApiResponse | Failure> {
    throwIfCancelled(request.signal);
    const url = this.url(request.path);
    const bodyText = request.body === undefined ? undefined : JSON.stringify(request.body);
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const timeout = AbortSignal.timeout(timeoutMs);
    let status: number;
    let text: string;
    let headers: Headers;
    try {
      const response = await this.options.fetch(url, {
        method: request.method,
        headers: this.headers(request, url, bodyText),
        body: bodyText,
        signal: request.signal ? AbortSignal.any([request.signal, timeout]) : timeout,
      });
      status = response.status;
      headers = response.headers;
      text = await response.text();
    } catch (err) {
      throwIfCancelled(request.signal);
      const timedOut = timeout.aborted || (err as Error)?.name === 'TimeoutError';
      const host = new URL(url).host;
      const error = new ApiError(
        'network',
        timedOut
          ? `The remote.it API at ${host} did not answer within ${Math.round(timeoutMs / 1000)} s. Try again in a moment.`
          : `Could not reach the remote.it API at ${host} (${describeCause(err)}). Check your network connection and the remoteit.apiUrl setting.`,
      );
      return request.idempotent ? { retry: true, waitMs: BACKOFF_MS(retryNumber), error } : { retry: false, error };
    }
    this.reportWarning(headers.get('x-r3-warning'));

    if (status === 429) {
      const waitMs = retryAfterMs(headers.get('retry-after'), this.now());
      const error = new ApiError('throttled', 'remote.it is limiting requests from this account right now (HTTP 429). Try again in a minute.', 429);
      return waitMs <= MAX_RETRY_AFTER_MS ? { retry: true, waitMs, error } : { retry: false, error };
    }
    if (status >= 500) {
      const error = new ApiError('server', `The remote.it API is having trouble (HTTP ${status}). Try again in a few minutes.`, status);
      return request.idempotent ? { retry: true, waitMs: BACKOFF_MS(retryNumber), error } : { retry: false, error };
    }
    if (request.auth && (status === 401 || status === 403)) {
      throw new ApiError(
        'auth',
        request.auth.kind === 'accessKey'
          ? `remote.it refused the access key ${request.auth.keyId} (HTTP ${status}). Check the profile in ~/.remoteit/credentials and this computer's clock, then sign in again.`
          : `Your remote.it sign-in is no longer valid (HTTP ${status}). Sign in again.`,
        status,
      );
    }
    return { status, body: parseBody(status, text) };
  }

  private url(path: string): string {
    return `${this.options.baseUrl.replace(/\/+$/, '')}${path}`;
  }

  private headers(request: ApiRequest, url: string, bodyText: string | undefined): Record<string, string> {
    const headers: Record<string, string> = { Accept: 'application/json', ...request.headers };
    if (bodyText !== undefined) headers['Content-Type'] = 'application/json';
    if (this.options.userAgent) headers['User-Agent'] = this.options.userAgent;
    const auth = request.auth;
    if (auth?.kind === 'token') headers.token = auth.token;
    if (auth?.kind === 'accessKey') {
      Object.assign(headers, signRequest({ method: request.method, url, body: bodyText ?? '', date: new Date(this.now()) }, auth));
    }
    return headers;
  }

  private reportWarning(warning: string | null): void {
    if (!warning || this.warned.has(warning)) return;
    this.warned.add(warning);
    this.options.onWarning?.(warning);
  }

  private now(): number {
    return this.options.clock?.now() ?? Date.now();
  }

  private async wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
    await (this.options.sleep ?? realSleep)(ms, signal);
    throwIfCancelled(signal);
  }
}

function parseBody(status: number, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Error answers are often plain text ("Unauthorized"); a success must be JSON.
    if (status < 200 || status >= 300) return text;
    throw new ApiError('malformed', 'remote.it sent an answer this extension cannot read (not valid JSON). Try again later.', status);
  }
}

/** Retry-After as delta-seconds or an HTTP date; absent or unreadable → a short default. */
export function retryAfterMs(value: string | null, now: number): number {
  if (!value) return DEFAULT_RETRY_AFTER_MS;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? DEFAULT_RETRY_AFTER_MS : Math.max(0, date - now);
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ApiError('cancelled', 'The request to remote.it was cancelled.');
}

function describeCause(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
}

function realSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
