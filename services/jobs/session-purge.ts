// The scheduled job that deletes ended sessions. A session is also deleted when its cookie comes back after
// it ended, but most never come back (a closed laptop, a cleared browser), so without this the table only
// grows. It runs at most once an hour (the runner ticks every few seconds); one DELETE on indexed columns.
import type { Db } from "@/db";
import { readAppState, writeAppState } from "@/db/writes/page";
import { deleteExpiredSessions } from "@/db/writes/sessions";
import { deleteExpiredViewerRows } from "@/db/writes/viewers";
import { VIEWER_IDLE_TIMEOUT } from "@/services/viewers/policy";
import { SESSION_IDLE_TIMEOUT } from "@/services/auth/policy";
import { HOUR } from "@/core/time";

const LAST_RUN_KEY = "session_purge_ran_at";

/** Deletes sessions (console and viewer) past their absolute or idle expiry, and expired viewer links; returns how many. */
export function runSessionPurge(db: Db, now = Date.now()): number {
  const last = Number(readAppState(db, LAST_RUN_KEY) ?? 0);
  if (now - last < HOUR) return 0;
  return db.transaction((tx) => {
    writeAppState(tx, LAST_RUN_KEY, String(now), now);
    return deleteExpiredSessions(tx, now, SESSION_IDLE_TIMEOUT) + deleteExpiredViewerRows(tx, now, VIEWER_IDLE_TIMEOUT);
  });
}
