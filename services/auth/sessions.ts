// Server-side sessions: the cookie carries a random token, the database only its SHA-256. These functions
// take the token as a parameter (no next/headers), so they are tested directly; services/auth/dal.ts feeds them
// the cookie.
import type { Db, Tx } from "@/db";
import { findSessionWithUser } from "@/db/queries/users";
import { bestEffortWrite } from "@/db/unavailable";
import { deleteSession, insertSession, touchSession } from "@/db/writes/sessions";
import type { User } from "@/db/schema";
import { isSessionLive, SESSION_ABSOLUTE_TIMEOUT, SESSION_TOUCH_INTERVAL, TWO_FACTOR_PENDING_TIMEOUT } from "./policy";
import { hashToken, newSecretToken } from "./tokens";

export type SessionUser = Pick<User, "id" | "email" | "name" | "role" | "totpEnabledAt">;

export interface SessionLookup {
  user: SessionUser;
  tokenHash: string;
  pendingTwoFactor: boolean;
  expiresAt: number;
}

/** Starts a session and returns the token for the cookie (the only place it exists). */
export function createSession(
  tx: Tx,
  input: { userId: string; pendingTwoFactor: boolean; now: number; ip?: string | null; userAgent?: string | null },
): { token: string; expiresAt: number } {
  const token = newSecretToken();
  const expiresAt = input.now + (input.pendingTwoFactor ? TWO_FACTOR_PENDING_TIMEOUT : SESSION_ABSOLUTE_TIMEOUT);
  insertSession(tx, {
    tokenHash: hashToken(token),
    userId: input.userId,
    pendingTwoFactor: input.pendingTwoFactor,
    at: input.now,
    expiresAt,
    ip: input.ip,
    userAgent: input.userAgent,
  });
  return { token, expiresAt };
}

/**
 * The live session for a cookie token, or null. An expired session is deleted on sight; a live one has its
 * lastSeenAt moved forward (at most once a minute) so the idle timeout counts from the last use.
 */
export function lookupSession(db: Db, token: string | undefined | null, now: number): SessionLookup | null {
  if (!token || token.length > 200) return null;
  const tokenHash = hashToken(token);
  const row = findSessionWithUser(db, tokenHash);
  if (!row) return null;
  // Both writes are bookkeeping: on a database that cannot save (read-only, full) the console still reads.
  if (!isSessionLive(row.session, now)) {
    bestEffortWrite(
      () => deleteSession(db, tokenHash),
      () => undefined,
    );
    return null;
  }
  if (now - row.session.lastSeenAt >= SESSION_TOUCH_INTERVAL)
    bestEffortWrite(
      () => touchSession(db, tokenHash, now),
      () => undefined,
    );
  const { id, email, name, role, totpEnabledAt } = row.user;
  return {
    user: { id, email, name, role, totpEnabledAt },
    tokenHash,
    pendingTwoFactor: row.session.pendingTwoFactor,
    expiresAt: row.session.expiresAt,
  };
}

export function endSession(db: Db, token: string | undefined | null): void {
  if (token) deleteSession(db, hashToken(token));
}
