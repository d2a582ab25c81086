// Viewer sessions: a random token in the viewer cookie, its SHA-256 in viewer_sessions. Like the console's
// sessions (services/auth/sessions.ts) but in a table of their own, so neither kind opens the other's door.
import type { Db, Tx } from "@/db";
import type { ViewerMethod } from "@/db/constants";
import { findViewerSession } from "@/db/queries/viewers";
import { bestEffortWrite } from "@/db/unavailable";
import { deleteViewerSession, insertViewerSession, touchViewerSession } from "@/db/writes/viewers";
import { hashToken, newSecretToken } from "@/services/auth/tokens";
import { viewerCaches, type CachedSession, type LiveCache } from "./live-cache";
import { VIEWER_ABSOLUTE_TIMEOUT, VIEWER_IDLE_TIMEOUT, VIEWER_TOUCH_INTERVAL } from "./policy";

export interface Viewer {
  email: string;
  method: ViewerMethod;
}

export function createViewerSession(
  tx: Tx,
  input: { email: string; method: ViewerMethod; now: number },
): { token: string; expiresAt: number } {
  const token = newSecretToken();
  const expiresAt = input.now + VIEWER_ABSOLUTE_TIMEOUT;
  insertViewerSession(tx, {
    tokenHash: hashToken(token),
    email: input.email,
    method: input.method,
    at: input.now,
    expiresAt,
  });
  return { token, expiresAt };
}

const isLive = (row: { expiresAt: number; lastSeenAt: number }, now: number) =>
  now < row.expiresAt && now - row.lastSeenAt < VIEWER_IDLE_TIMEOUT;

/**
 * The live viewer for a cookie token, or null; an expired session is deleted on sight. A live row is kept in the
 * in-process cache (live-cache.ts) for a few seconds; a cached row that has ended is read again, since another
 * process may have moved its last-seen time on.
 */
export function lookupViewerSession(
  db: Db,
  token: string | null | undefined,
  now: number,
  cache: LiveCache<CachedSession> = viewerCaches().sessions,
): Viewer | null {
  if (!token || token.length > 200) return null;
  const tokenHash = hashToken(token);
  let row = cache.get(tokenHash, now);
  if (!row || !isLive(row, now)) {
    cache.delete(tokenHash);
    const found = findViewerSession(db, tokenHash);
    if (!found) return null;
    if (!isLive(found, now)) {
      bestEffortWrite(
        () => deleteViewerSession(db, tokenHash),
        () => undefined,
      );
      return null;
    }
    row = { email: found.email, method: found.method, expiresAt: found.expiresAt, lastSeenAt: found.lastSeenAt };
    cache.set(tokenHash, row, now);
  }
  if (now - row.lastSeenAt >= VIEWER_TOUCH_INTERVAL) {
    const touched = row;
    bestEffortWrite(
      () => {
        touchViewerSession(db, tokenHash, now);
        touched.lastSeenAt = now;
      },
      () => undefined,
    );
  }
  return { email: row.email, method: row.method };
}

/** Sign-out: the row goes, and this process's cached copy with it (others see it within the cache's TTL). */
export function endViewerSession(db: Db, token: string | null | undefined): void {
  if (!token || token.length > 200) return;
  const tokenHash = hashToken(token);
  viewerCaches().sessions.delete(tokenHash);
  deleteViewerSession(db, tokenHash);
}
