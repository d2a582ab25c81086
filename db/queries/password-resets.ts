import { eq } from "drizzle-orm";
import type { Tx } from "../index";
import { passwordResets, users } from "../schema";

const columns = {
  id: passwordResets.id,
  userId: passwordResets.userId,
  email: users.email,
  expiresAt: passwordResets.expiresAt,
  usedAt: passwordResets.usedAt,
};

/** A reset with its member's email; open means unused and not expired at `now`. */
function openOnly<T extends { usedAt: number | null; expiresAt: number }>(row: T | undefined, now: number): T | null {
  return row && row.usedAt === null && row.expiresAt > now ? row : null;
}

export function findOpenPasswordResetByTokenHash(tx: Tx, tokenHash: string, now: number) {
  const row = tx
    .select(columns)
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(eq(passwordResets.tokenHash, tokenHash))
    .get();
  return openOnly(row, now);
}

/**
 * The reset a password_reset notification is about (its payload holds only the reset's id); null once it
 * was used, replaced or expired, so a stale link is never mailed.
 */
export function passwordResetOfNotification(tx: Tx, payload: Record<string, unknown> | null, now: number) {
  const id = typeof payload?.resetId === "string" ? payload.resetId : null;
  if (!id) return null;
  const row = tx
    .select(columns)
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(eq(passwordResets.id, id))
    .get();
  return openOnly(row, now);
}
