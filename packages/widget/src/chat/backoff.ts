/** Reconnect delays: exponential growth with "equal jitter", capped. Pure. */
export interface BackoffOptions {
  /** Delay scale of the first retry in ms (the first delay is between base/2 and base). */
  base?: number;
  /** Largest delay in ms. */
  cap?: number;
}

export const BACKOFF_BASE_MS = 500;
export const BACKOFF_CAP_MS = 10_000;

/**
 * Delay before retry number `attempt` (0 for the first retry).
 * The ceiling is min(cap, base·2^attempt); the result lies in [ceiling/2, ceiling],
 * so retries spread out (no thundering herd) yet never fire immediately.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random, options: BackoffOptions = {}): number {
  const base = options.base ?? BACKOFF_BASE_MS;
  const cap = options.cap ?? BACKOFF_CAP_MS;
  const n = Math.max(0, Math.min(30, Math.floor(attempt) || 0));
  const ceiling = Math.min(cap, base * Math.pow(2, n));
  const r = Math.min(1, Math.max(0, random()));
  return Math.round(ceiling / 2 + (r * ceiling) / 2);
}
