// The time limits one connection runs under, from the settings at launch. connectd cannot be trusted with
// them (its provisioning file ignores lifetime and grace period, and its command line counts seconds where
// its usage text says minutes), so the engine enforces all three itself; see p2pConnection.ts.
import type { ConnectionFailure } from '../failure';
import type { EngineSettings } from './deps';

export interface ConnectionLimits {
  /** Close the connection this long after it started; 0 = never. */
  lifetimeMs: number;
  /** Close it after this long with no open tunnel and no bytes moving; 0 = never. */
  idleMs: number;
  /** A start (or reconnect) that is not ready after this long fails; 0 = wait forever. */
  startTimeoutMs: number;
}

/** Settings are validated when read; anything odd that still arrives counts as "no limit". */
const ms = (value: number, unit: number): number => (Number.isFinite(value) && value > 0 ? Math.round(value * unit) : 0);

export function limitsFrom(settings: EngineSettings): ConnectionLimits {
  return {
    lifetimeMs: ms(settings.lifetimeMinutes, 60_000),
    idleMs: ms(settings.idleMinutes, 60_000),
    startTimeoutMs: ms(settings.startTimeoutSeconds, 1_000),
  };
}

/** "90 s", "1 minute", "2.5 minutes". */
export function describeDuration(durationMs: number): string {
  if (durationMs < 60_000) return `${Math.round(durationMs / 1000)} s`;
  const minutes = Math.round((durationMs / 60_000) * 10) / 10;
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

/** The end of a connection that reached its lifetime (exit 001's meaning, in the user's terms). */
export function lifetimeExpired(lifetimeMs: number): ConnectionFailure {
  return {
    code: 1,
    message: `Connection lifetime expired: closed after ${describeDuration(lifetimeMs)} (remoteit.connectd.lifetimeMinutes). Connect again to continue.`,
    action: 'retry',
  };
}

/** The end of a connection left idle for its idle limit. */
export function idledOut(idleMs: number): ConnectionFailure {
  return {
    code: 1,
    message: `Connection idle: closed after ${describeDuration(idleMs)} without traffic (remoteit.connectd.idleMinutes). Connect again to continue.`,
    action: 'retry',
  };
}
