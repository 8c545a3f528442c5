// The error waitUntilReady rejects with: a message for the user and the failure behind it.
import type { ConnectionFailure } from './types';

export class ConnectionError extends Error {
  override readonly name = 'ConnectionError';

  constructor(
    readonly failure: ConnectionFailure,
    readonly id?: string,
  ) {
    super(failure.message);
  }
}
