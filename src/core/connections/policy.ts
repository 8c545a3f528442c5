// Timings and limits of the engine, in one place.

export interface EnginePolicy {
  /** Delay before the first reconnect; doubles per attempt up to reconnectMaxDelayMs. */
  reconnectFirstDelayMs: number;
  reconnectMaxDelayMs: number;
  /** Reconnects in a row without reaching `ready` before giving up (the counter resets on ready). */
  maxReconnectAttempts: number;
  /** Time between SIGTERM and SIGKILL when stopping. */
  stopGraceMs: number;
  /** The provisioning file is removed at the latest this long after spawn (see p2pConnection.ts). */
  provisioningReadMs: number;
  /** TCP probes of the proxy port after connectd says the proxy started. */
  probeIntervalMs: number;
  probeAttempts: number;
  /** How often one start may move to another port after exit 017. */
  maxPortChanges: number;
}

export const DEFAULT_POLICY: EnginePolicy = {
  reconnectFirstDelayMs: 1_000,
  reconnectMaxDelayMs: 30_000,
  maxReconnectAttempts: 10,
  stopGraceMs: 5_000,
  provisioningReadMs: 10_000,
  probeIntervalMs: 500,
  probeAttempts: 20,
  maxPortChanges: 5,
};

/** Capped exponential backoff; attempt 1 waits reconnectFirstDelayMs. */
export function reconnectDelay(attempt: number, policy: EnginePolicy): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  return Math.min(policy.reconnectMaxDelayMs, policy.reconnectFirstDelayMs * 2 ** exponent);
}
