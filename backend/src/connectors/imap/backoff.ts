// How long a connector waits before reconnecting. Pure: the randomness is given.

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
  /** The least wait after an authentication failure, so a wrong password does not lock the account. */
  authFailureMinMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, maxMs: 300_000, authFailureMinMs: 60_000 };

/**
 * Exponential backoff with jitter: the nth consecutive failure (0-based) waits
 * between half and all of `base * 2^n`, capped at `max`. `random` is in [0, 1).
 * The jitter spreads the reconnections of many connectors after a server restart.
 */
export function reconnectDelayMs(attempt: number, random: number, authFailed = false, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(attempt, 30));
  const delay = Math.round(ceiling * (0.5 + random / 2));
  return authFailed ? Math.max(delay, policy.authFailureMinMs) : delay;
}
