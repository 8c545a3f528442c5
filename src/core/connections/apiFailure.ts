// What a failed remote.it API call means for a connection: the sentence and the one next step.
import type { ConnectionFailure } from '../failure';
import { isApiError } from '../remoteit/errors';

export function apiFailureOf(err: unknown): ConnectionFailure {
  const message = err instanceof Error ? err.message : String(err);
  if (isApiError(err, 'auth')) return { message, action: 'signIn' };
  if (isApiError(err, 'rejected') || isApiError(err, 'graphql') || isApiError(err, 'malformed')) return { message, action: 'none' };
  return { message, action: 'retry' };
}
