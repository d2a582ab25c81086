// Per-key rate limit for the management API: a token bucket in this process's memory (one process serves
// the API), 120 requests a minute with bursts of 60.
const CAPACITY = 60;
const REFILL_PER_MS = 120 / 60_000;
const buckets = new Map<string, { tokens: number; at: number }>();

/** Takes one request's token; returns 0 when allowed, or how many ms to wait. */
export function takeToken(key: string, now = Date.now()): number {
  const bucket = buckets.get(key) ?? { tokens: CAPACITY, at: now };
  bucket.tokens = Math.min(CAPACITY, bucket.tokens + (now - bucket.at) * REFILL_PER_MS);
  bucket.at = now;
  buckets.set(key, bucket);
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return 0;
  }
  return Math.ceil((1 - bucket.tokens) / REFILL_PER_MS);
}

export function resetRateLimitsForTests(): void {
  buckets.clear();
}
