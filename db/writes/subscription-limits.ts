// Fixed-window counters in rate_limits for the public sign-up (they survive restarts).
import { eq } from "drizzle-orm";
import type { Tx } from "../index";
import { rateLimits } from "../schema";

/** Counts one use of `key`; false (counting nothing) when `limit` uses already happened in this window. */
export function consumeRateLimit(tx: Tx, key: string, limit: number, windowMs: number, now: number): boolean {
  const row = tx.select().from(rateLimits).where(eq(rateLimits.key, key)).get();
  if (!row || row.windowStart + windowMs <= now) {
    tx.insert(rateLimits)
      .values({ key, windowStart: now, count: 1 })
      .onConflictDoUpdate({ target: rateLimits.key, set: { windowStart: now, count: 1 } })
      .run();
    return true;
  }
  if (row.count >= limit) return false;
  tx.update(rateLimits)
    .set({ count: row.count + 1 })
    .where(eq(rateLimits.key, key))
    .run();
  return true;
}
