import { eq } from "drizzle-orm";
import type { Tx } from "../index";
import { rateLimits } from "../schema";

export type RateLimitRow = typeof rateLimits.$inferSelect;

export function readRateLimit(tx: Tx, key: string): RateLimitRow | undefined {
  return tx.select().from(rateLimits).where(eq(rateLimits.key, key)).get();
}

export function writeRateLimit(tx: Tx, row: RateLimitRow): void {
  tx.insert(rateLimits)
    .values(row)
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: { windowStart: row.windowStart, count: row.count, blockedUntil: row.blockedUntil, failures: row.failures },
    })
    .run();
}

export function clearRateLimit(tx: Tx, key: string): void {
  tx.delete(rateLimits).where(eq(rateLimits.key, key)).run();
}
