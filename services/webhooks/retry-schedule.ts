// When a failed webhook POST is tried again: an explicit, roughly exponential schedule with +-20 % jitter
// (so many failing receivers do not all come back at once), about a day in all. After the last retry fails
// the delivery is given up and the webhook disabled.
import { MINUTE } from "@/core/time";

/** Waits after attempt 1, 2, ...: 1 + 5 + 15 + 30 + 60 + 120 + 240 + 480 + 480 minutes = 23 h 51 min. */
export const WEBHOOK_RETRY_DELAYS_MS: readonly number[] = [1, 5, 15, 30, 60, 120, 240, 480, 480].map((m) => m * MINUTE);
/** The first attempt plus one per delay. */
export const WEBHOOK_MAX_ATTEMPTS = WEBHOOK_RETRY_DELAYS_MS.length + 1;
export const WEBHOOK_JITTER = 0.2;

/**
 * The verification ping of a new webhook is tried again sooner and fewer times (21 min in all): a receiver
 * that does not answer stays pending, and the console can send the ping again.
 */
export const WEBHOOK_VERIFICATION_DELAYS_MS: readonly number[] = [1, 5, 15].map((m) => m * MINUTE);

export type WebhookRetryDecision = { action: "retry"; delayMs: number } | { action: "give_up" };

/** `attempt` is the number of the attempt that just failed (1 for the first). */
export function nextWebhookAttempt(
  attempt: number,
  random: () => number = Math.random,
  delays = WEBHOOK_RETRY_DELAYS_MS,
): WebhookRetryDecision {
  const base = delays[attempt - 1];
  if (base === undefined) return { action: "give_up" };
  const factor = 1 - WEBHOOK_JITTER + 2 * WEBHOOK_JITTER * random();
  return { action: "retry", delayMs: Math.round(base * factor) };
}
