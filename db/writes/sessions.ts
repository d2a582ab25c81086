import { and, eq, lt, ne, or } from "drizzle-orm";
import type { Tx } from "../index";
import { sessions } from "../schema";

export function insertSession(
  tx: Tx,
  input: {
    tokenHash: string;
    userId: string;
    pendingTwoFactor: boolean;
    at: number;
    expiresAt: number;
    ip?: string | null;
    userAgent?: string | null;
  },
): void {
  tx.insert(sessions)
    .values({
      tokenHash: input.tokenHash,
      userId: input.userId,
      pendingTwoFactor: input.pendingTwoFactor,
      createdAt: input.at,
      lastSeenAt: input.at,
      expiresAt: input.expiresAt,
      ip: input.ip ?? null,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
    })
    .run();
}

export function touchSession(tx: Tx, tokenHash: string, at: number): void {
  tx.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.tokenHash, tokenHash)).run();
}

export function deleteSession(tx: Tx, tokenHash: string): void {
  tx.delete(sessions).where(eq(sessions.tokenHash, tokenHash)).run();
}

/** Ends every session of a user, except `keepTokenHash` (the one making the change) when given. */
export function deleteUserSessions(tx: Tx, userId: string, keepTokenHash?: string): number {
  const where = keepTokenHash
    ? and(eq(sessions.userId, userId), ne(sessions.tokenHash, keepTokenHash))
    : eq(sessions.userId, userId);
  return tx.delete(sessions).where(where).run().changes;
}

export function deleteExpiredSessions(tx: Tx, now: number, idleTimeout: number): number {
  return tx
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, now - idleTimeout)))
    .run().changes;
}
