// What to do with a failed send, from Resend's documented behaviour: retry rate limits after retry-after,
// retry 5xx, network errors and 409 concurrent with exponential backoff and jitter, park quota errors
// until they reset, and never retry other 4xx (the request itself is wrong).
export interface SendFailure {
  statusCode: number | null;
  name: string;
  retryAfterMs: number | null;
  resetMs: number | null;
}

export type RetryDecision =
  | { action: "retry"; delayMs: number; countsAsAttempt: boolean }
  | { action: "park"; until: number }
  | { action: "fail" };

export interface RetryPolicy {
  baseMs: number;
  maxMs: number;
  maxAttempts: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseMs: 2_000, maxMs: 10 * 60_000, maxAttempts: 12 };

/** Full-jitter-ish exponential backoff: between half and all of base * 2^(attempt-1), capped. */
export function backoffMs(attempt: number, policy: RetryPolicy, random = Math.random): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Start of the next UTC day or month: when Resend's daily or monthly quota resets. */
export function quotaResetAt(now: number, name: string): number {
  const d = new Date(now);
  if (name === "monthly_quota_exceeded") return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
}

/** `attempt` is the number of this attempt (1 for the first). */
export function decideRetry(
  failure: SendFailure,
  attempt: number,
  now: number,
  policy = DEFAULT_RETRY_POLICY,
  random = Math.random,
): RetryDecision {
  const { statusCode, name } = failure;
  if (name === "daily_quota_exceeded" || name === "monthly_quota_exceeded") {
    return { action: "park", until: Math.max(quotaResetAt(now, name), now + (failure.retryAfterMs ?? 0)) };
  }
  if (statusCode === 429 || name === "rate_limit_exceeded") {
    return { action: "retry", delayMs: failure.retryAfterMs ?? failure.resetMs ?? 1000, countsAsAttempt: false };
  }
  const transient = statusCode === null || statusCode >= 500 || name === "concurrent_idempotent_requests";
  if (!transient) return { action: "fail" };
  if (attempt >= policy.maxAttempts) return { action: "fail" };
  return { action: "retry", delayMs: backoffMs(attempt, policy, random), countsAsAttempt: true };
}
