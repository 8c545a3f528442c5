// What to offer the user after a connection failed: decided from the failure's action and the facts around
// it, never from the wording of the message. The adapter turns each offer into a button.
import type { ConnectionFailure } from '../failure';
import type { Route } from './types';

export type FailureOffer = 'retry' | 'signIn' | 'openSetting' | 'useProxy' | 'networkDiagnostics' | 'showLog';

export interface FailureContext {
  route: Route;
  /** The account says the device is online (a cloud proxy can only reach an online device). */
  deviceOnline: boolean;
  /** remoteit.proxyFallback: offer the cloud proxy when peer-to-peer cannot reach an online device. */
  proxyFallback: boolean;
}

export function failureOffers(failure: ConnectionFailure, context: FailureContext): FailureOffer[] {
  switch (failure.action) {
    case 'signIn':
      return ['signIn', 'showLog'];
    case 'setting':
      return failure.setting ? ['openSetting', 'showLog'] : ['showLog'];
    case 'unreachable': {
      const proxy = context.route === 'p2p' && context.deviceOnline && context.proxyFallback;
      return proxy ? ['useProxy', 'retry', 'showLog'] : ['retry', 'showLog'];
    }
    case 'network':
      return ['retry', 'networkDiagnostics', 'showLog'];
    case 'retry':
    case 'otherPort':
      return ['retry', 'showLog'];
    default:
      return ['showLog'];
  }
}
