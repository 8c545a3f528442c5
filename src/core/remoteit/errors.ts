// Every way a remote.it API call can fail, as one typed error whose message is the sentence the user reads.

export type ApiErrorKind =
  /** Wrong email/password, or an auth hash that is not (or no longer) valid ([0102]). */
  | 'invalidLogin'
  /** The account needs a second factor (SMS_MFA, SOFTWARE_TOKEN_MFA, MFA_SETUP) this client cannot answer. */
  | 'mfaRequired'
  /** 401/403: the token or access key was refused; sign in again. */
  | 'auth'
  /** 429 still after the bounded retries. */
  | 'throttled'
  /** 5xx still after the bounded retries. */
  | 'server'
  /** The API could not be reached or did not answer in time, still after the bounded retries. */
  | 'network'
  /** The answer was not the JSON shape the API documents. */
  | 'malformed'
  /** GraphQL answered with `errors[]`. */
  | 'graphql'
  /** The API understood the request and said no (e.g. a login `status:"false"` with its own reason). */
  | 'rejected'
  /** The caller aborted the request. */
  | 'cancelled'
  /** The API URL may not carry a sign-in (not https, not loopback), or the API redirected elsewhere. */
  | 'endpoint'
  /** The answer was larger than this client reads, or the listing had more pages than it follows. */
  | 'tooLarge'
  /** A REST sign-in was refused because the developer key is missing or not valid. */
  | 'developerKey';

export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    /** HTTP status when the failure came with one. */
    readonly status?: number,
    /** The API's own code (`SMS_MFA`, `[0102]`, …) when it gave one. */
    readonly code?: string,
  ) {
    super(message);
  }
}

export function isApiError(err: unknown, kind?: ApiErrorKind): err is ApiError {
  return err instanceof ApiError && (kind === undefined || err.kind === kind);
}
