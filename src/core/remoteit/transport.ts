// One HTTP exchange with the remote.it API over an injected `fetch`: authentication headers (token or a
// message signature), bounded retries (429 after Retry-After; 5xx, timeouts and lost connections with backoff,
// for requests that are safe to repeat), the X-R3-Warning header reported once, and JSON parsing that fails
// cleanly. Secrets stay with the configured origin: only https (or loopback http) endpoints are called,
// redirects are refused rather than followed, and answers are read up to a size limit.
// Callers get the status and the parsed body; every failure is an ApiError with a user sentence.
import { signCavage } from './cavageSignature';
import { apiEndpoint } from './endpoint';
import { ApiError } from './errors';
import { signMessage } from './messageSignature';

/** What proves who the caller is: a session token from a login, or an access key that signs each request. */
export type AuthMaterial = { kind: 'token'; token: string } | { kind: 'accessKey'; keyId: string; secret: string };

/** How access-key requests are signed: RFC 9421 message signatures, or the older draft-cavage Authorization header. */
export type SignatureScheme = 'rfc9421' | 'cavage';

export interface TransportOptions {
  /** API root, e.g. https://api.remote.it (REST under /apv/v27, GraphQL under /graphql/v1); https or loopback http only. */
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
  /** Default rfc9421. */
  signatureScheme?: SignatureScheme;
  /** Answers larger than this are refused. Default 32 MiB. */
  maxResponseBytes?: number;
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
/** A full page of 1000 devices with their services is a few MB; far more than that is not a device list. */
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
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
    const url = `${apiEndpoint(this.options.baseUrl).baseUrl}${request.path}`;
    const bodyText = request.body === undefined ? undefined : JSON.stringify(request.body);
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const timeout = AbortSignal.timeout(timeoutMs);
    const requestHeaders = await this.headers(request, url, bodyText);
    let status: number;
    let text: string;
    let headers: Headers;
    try {
      const response = await this.options.fetch(url, {
        method: request.method,
        headers: requestHeaders,
        body: bodyText,
        // A redirect is answered here, never followed: fetch would resend the token (and replay a password body
        // on 307/308) to wherever the Location points.
        redirect: 'manual',
        signal: request.signal ? AbortSignal.any([request.signal, timeout]) : timeout,
      });
      status = response.status;
      headers = response.headers;
      if (isRedirect(status)) {
        await response.body?.cancel();
        throw redirectRefused(url, headers.get('location'), status);
      }
      text = await readLimited(response, this.options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES);
    } catch (err) {
      if (err instanceof ApiError) throw err;
      throwIfCancelled(request.signal);
      const timedOut = timeout.aborted || (err as Error)?.name === 'TimeoutError';
      const host = new URL(url).host;
      const error = new ApiError(
        'network',
        timedOut
          ? `The remote.it API (${host}) did not answer within ${Math.round(timeoutMs / 1000)} s. Try again in a moment.`
          : `Could not reach the remote.it API on ${host} (${describeCause(err)}). Check your network connection and the remoteit.apiUrl setting.`,
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

  private async headers(request: ApiRequest, url: string, bodyText: string | undefined): Promise<Record<string, string>> {
    const headers: Record<string, string> = { Accept: 'application/json', ...request.headers };
    if (bodyText !== undefined) headers['Content-Type'] = 'application/json';
    if (this.options.userAgent) headers['User-Agent'] = this.options.userAgent;
    const auth = request.auth;
    if (auth?.kind === 'token') headers.token = auth.token;
    if (auth?.kind === 'accessKey') {
      const date = new Date(this.now());
      Object.assign(
        headers,
        this.options.signatureScheme === 'cavage'
          ? signCavage({ method: request.method, url, body: bodyText ?? '', date }, auth)
          : await signMessage({ method: request.method, url, date }, auth),
      );
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

function isRedirect(status: number): boolean {
  return status >= 300 && status < 400 && status !== 304;
}

function redirectRefused(url: string, location: string | null, status: number): ApiError {
  const from = new URL(url);
  let to = '';
  try {
    to = location ? new URL(location, url).origin : '';
  } catch {
    // an unreadable Location is refused like any other
  }
  const where = to && to !== from.origin ? ` to ${to}` : '';
  return new ApiError(
    'endpoint',
    `The remote.it API (${from.host}) redirected the request${where} (HTTP ${status}). Redirects are not followed, so your sign-in stays with ${from.origin}. Check the remoteit.apiUrl setting.`,
    status,
  );
}

/** The body as text, refusing it (without reading the rest) once it passes `limit` bytes. */
async function readLimited(response: Response, limit: number): Promise<string> {
  const tooLarge = () =>
    new ApiError('tooLarge', `remote.it sent an answer larger than ${describeSize(limit)}, which this extension does not read. Try again later.`, response.status);
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) {
    await response.body?.cancel();
    throw tooLarge();
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function describeSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
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
