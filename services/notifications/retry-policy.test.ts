import { describe, expect, it } from "vitest";
import { backoffMs, decideRetry, DEFAULT_RETRY_POLICY, quotaResetAt } from "./retry-policy";

const now = Date.UTC(2026, 10, 23, 16, 0);
const fail = (statusCode: number | null, name: string, retryAfterMs: number | null = null) => ({
  statusCode,
  name,
  retryAfterMs,
  resetMs: null,
});

describe("retry policy", () => {
  it("waits out a rate limit for retry-after, without counting an attempt", () => {
    expect(decideRetry(fail(429, "rate_limit_exceeded", 3000), 1, now)).toEqual({
      action: "retry",
      delayMs: 3000,
      countsAsAttempt: false,
    });
  });

  it("retries 5xx, network errors and concurrent requests with growing, jittered delays", () => {
    for (const f of [
      fail(500, "internal_server_error"),
      fail(null, "application_error"),
      fail(409, "concurrent_idempotent_requests"),
    ]) {
      expect(decideRetry(f, 1, now, DEFAULT_RETRY_POLICY, () => 1)).toEqual({
        action: "retry",
        delayMs: 2000,
        countsAsAttempt: true,
      });
    }
    expect(backoffMs(3, DEFAULT_RETRY_POLICY, () => 0)).toBe(4000);
    expect(backoffMs(3, DEFAULT_RETRY_POLICY, () => 1)).toBe(8000);
    expect(backoffMs(30, DEFAULT_RETRY_POLICY, () => 1)).toBe(DEFAULT_RETRY_POLICY.maxMs);
  });

  it("gives up on permanent errors at once, and on transient ones after the last attempt", () => {
    expect(decideRetry(fail(422, "validation_error"), 1, now)).toEqual({ action: "fail" });
    expect(decideRetry(fail(409, "invalid_idempotent_request"), 1, now)).toEqual({ action: "fail" });
    expect(decideRetry(fail(403, "invalid_api_key"), 1, now)).toEqual({ action: "fail" });
    expect(decideRetry(fail(500, "internal_server_error"), DEFAULT_RETRY_POLICY.maxAttempts, now)).toEqual({
      action: "fail",
    });
  });

  it("parks quota errors until the quota resets", () => {
    expect(decideRetry(fail(429, "daily_quota_exceeded"), 1, now)).toEqual({
      action: "park",
      until: Date.UTC(2026, 10, 24),
    });
    expect(quotaResetAt(now, "monthly_quota_exceeded")).toBe(Date.UTC(2026, 11, 1));
  });
});
