// The scheduled job that applies EMAIL_RETENTION_DAYS to sent mail. It runs at most once an hour (the
// runner ticks every few seconds), in batches so one run never holds the database for long.
import type { Db } from "@/db";
import { clearOldEmailBodies } from "@/db/writes/email-retention";
import { readAppState, writeAppState } from "@/db/writes/page";
import { getConfig } from "@/core/config";
import { DAY, HOUR } from "@/core/time";

const LAST_RUN_KEY = "email_retention_ran_at";
const BATCH = 500;
/** At most this many batches a run; what is left waits for the next hour. */
const MAX_BATCHES = 20;

export function runEmailRetention(db: Db, now = Date.now(), retentionDays = getConfig().emailRetentionDays): number {
  const last = Number(readAppState(db, LAST_RUN_KEY) ?? 0);
  if (now - last < HOUR) return 0;
  writeAppState(db, LAST_RUN_KEY, String(now), now);
  const cutoff = now - retentionDays * DAY;
  let cleared = 0;
  for (let i = 0; i < MAX_BATCHES; i++) {
    const n = clearOldEmailBodies(db, cutoff, now, BATCH);
    cleared += n;
    if (n < BATCH) break;
  }
  return cleared;
}
