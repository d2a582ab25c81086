import { describe, expect, it } from "vitest";
import { HOUR } from "@/core/time";
import { nextWebhookAttempt, WEBHOOK_MAX_ATTEMPTS, WEBHOOK_RETRY_DELAYS_MS } from "./retry-schedule";

describe("the webhook retry schedule", () => {
  it("grows, lasts about a day in all, and gives up after the last attempt", () => {
    for (let i = 1; i < WEBHOOK_RETRY_DELAYS_MS.length; i++)
      expect(WEBHOOK_RETRY_DELAYS_MS[i]).toBeGreaterThanOrEqual(WEBHOOK_RETRY_DELAYS_MS[i - 1]);
    const total = WEBHOOK_RETRY_DELAYS_MS.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(20 * HOUR);
    expect(total).toBeLessThan(30 * HOUR);
    expect(nextWebhookAttempt(WEBHOOK_MAX_ATTEMPTS - 1, () => 0.5)).toEqual({
      action: "retry",
      delayMs: WEBHOOK_RETRY_DELAYS_MS.at(-1),
    });
    expect(nextWebhookAttempt(WEBHOOK_MAX_ATTEMPTS, () => 0.5)).toEqual({ action: "give_up" });
  });

  it("jitters each wait by up to 20 % either way", () => {
    const base = WEBHOOK_RETRY_DELAYS_MS[2];
    expect(nextWebhookAttempt(3, () => 0)).toEqual({ action: "retry", delayMs: Math.round(base * 0.8) });
    expect(nextWebhookAttempt(3, () => 0.5)).toEqual({ action: "retry", delayMs: base });
    const high = nextWebhookAttempt(3, () => 0.999999);
    expect(high.action === "retry" && high.delayMs).toBeGreaterThan(base * 1.19);
    expect(high.action === "retry" && high.delayMs).toBeLessThanOrEqual(Math.round(base * 1.2));
  });
});
