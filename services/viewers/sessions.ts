// Viewer sessions: a random token in the viewer cookie, its SHA-256 in viewer_sessions. Like the console's
// sessions (services/auth/sessions.ts) but in a table of their own, so neither kind opens the other's door.
import type { Db, Tx } from "@/db";
import type { ViewerMethod } from "@/db/constants";
import { findViewerSession } from "@/db/queries/viewers";
import { bestEffortWrite } from "@/db/unavailable";
import { deleteViewerSession, insertViewerSession, touchViewerSession } from "@/db/writes/viewers";
import { hashToken, newSecretToken } from "@/services/auth/tokens";
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

/** The live viewer for a cookie token, or null; an expired session is deleted on sight. */
export function lookupViewerSession(db: Db, token: string | null | undefined, now: number): Viewer | null {
  if (!token || token.length > 200) return null;
  const tokenHash = hashToken(token);
  const row = findViewerSession(db, tokenHash);
  if (!row) return null;
  const live = now < row.expiresAt && now - row.lastSeenAt < VIEWER_IDLE_TIMEOUT;
  if (!live) {
    bestEffortWrite(
      () => deleteViewerSession(db, tokenHash),
      () => undefined,
    );
    return null;
  }
  if (now - row.lastSeenAt >= VIEWER_TOUCH_INTERVAL)
    bestEffortWrite(
      () => touchViewerSession(db, tokenHash, now),
      () => undefined,
    );
  return { email: row.email, method: row.method };
}

export function endViewerSession(db: Db, token: string | null | undefined): void {
  if (token && token.length <= 200) deleteViewerSession(db, hashToken(token));
}
