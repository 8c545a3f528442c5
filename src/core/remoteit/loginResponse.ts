// What a REST `/user/login` or `/user/login/authhash` answer means: the session, or the reason
// the user cannot have one, said in a way they can act on.
import { ApiError } from './errors';
import type { ApiResponse } from './transport';

export interface LoginResult {
  email: string;
  /** Session token for the `token` header. */
  token: string;
  /** `service_authhash`: what connectd authenticates with. */
  authHash: string;
  /** `guid`, when the API sent it. */
  userId?: string;
}

export type LoginMethod = 'password' | 'authHash';

const MFA_MESSAGES: Record<string, string> = {
  SMS_MFA:
    'This account confirms sign-ins with a code sent by SMS, which cannot be entered here. Sign in with the account\'s auth hash or an access-key profile instead.',
  SOFTWARE_TOKEN_MFA:
    'This account confirms sign-ins with a code from an authenticator app, which cannot be entered here. Sign in with the account\'s auth hash or an access-key profile instead.',
  MFA_SETUP:
    'remote.it wants this account to finish setting up two-factor authentication. Finish it at https://app.remote.it, then sign in with the account\'s auth hash or an access-key profile.',
};

/** connectd takes exactly 40 hex characters; anything else could also add a line to a provisioning file. */
const AUTH_HASH = /^[0-9a-f]{40}$/i;
/** One printable token: the session token goes into a header, the email into connectd's user line. */
const PRINTABLE_TOKEN = /^[\x21-\x7e]{1,1024}$/;

const STATUS_MESSAGES: Record<string, string> = {
  pending: 'This remote.it account is not confirmed yet. Follow the link in the email remote.it sent, then sign in again.',
  reset: 'remote.it requires a new password for this account. Reset it at https://app.remote.it, then sign in again.',
};

export function readLoginResponse(response: ApiResponse, method: LoginMethod, email: string): LoginResult {
  const body = typeof response.body === 'object' && response.body !== null ? (response.body as Record<string, unknown>) : undefined;
  const code = typeof body?.code === 'string' ? body.code : undefined;
  const reason = typeof body?.reason === 'string' ? body.reason : '';
  const status = typeof body?.status === 'string' || typeof body?.status === 'boolean' ? String(body.status) : '';

  if (code && MFA_MESSAGES[code]) throw new ApiError('mfaRequired', MFA_MESSAGES[code], response.status, code);
  if (/developer\s*(api\s*)?key|apikey/i.test(reason)) {
    throw new ApiError(
      'developerKey',
      'remote.it refused the sign-in because the developer key is missing or not valid. Enter the developer key of your remote.it account (remote.it: Set Developer Key), or sign in with an access key.',
      response.status,
      code,
    );
  }
  if (/\[0102\]|username or password|missing user/i.test(reason)) {
    throw new ApiError(
      'invalidLogin',
      method === 'password'
        ? 'The email or password is not correct.'
        : `remote.it did not accept this auth hash for ${email}; it may have been revoked. Sign in with your password to get the current one.`,
      response.status,
      /\[(\d{4})\]/.exec(reason)?.[1] ?? code,
    );
  }
  if (STATUS_MESSAGES[status]) throw new ApiError('rejected', STATUS_MESSAGES[status], response.status, status);
  if (status === 'true' && response.status >= 200 && response.status < 300) {
    const token = printable(body, 'token') ?? printable(body, 'auth_token');
    const authHash = stringField(body, 'service_authhash');
    if (!token || !authHash || !AUTH_HASH.test(authHash)) {
      throw new ApiError('malformed', 'remote.it accepted the sign-in but sent no usable session token or auth hash. Try again later.', response.status);
    }
    const userId = printable(body, 'guid');
    return { email: printable(body, 'email') ?? email, token, authHash, ...(userId ? { userId } : {}) };
  }
  if (!body) {
    throw new ApiError('malformed', `remote.it answered the sign-in with something this extension cannot read (HTTP ${response.status}).`, response.status);
  }
  throw new ApiError('rejected', `remote.it refused the sign-in: ${reason.replace(/\.$/, '') || `HTTP ${response.status}`}.`, response.status, code);
}

function printable(body: Record<string, unknown> | undefined, key: string): string | undefined {
  const value = stringField(body, key);
  return value !== undefined && PRINTABLE_TOKEN.test(value) ? value : undefined;
}

function stringField(body: Record<string, unknown> | undefined, key: string): string | undefined {
  const value = body?.[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
