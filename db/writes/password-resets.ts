import { and, eq, gt, isNull } from "drizzle-orm";
import type { Tx } from "../index";
import { passwordResets } from "../schema";

export function insertPasswordReset(
  tx: Tx,
  input: { id: string; userId: string; tokenHash: string; expiresAt: number; at: number },
): void {
  tx.insert(passwordResets)
    .values({
      id: input.id,
      userId: input.userId,
      tokenHash: input.tokenHash,
      expiresAt: input.expiresAt,
      createdAt: input.at,
    })
    .run();
}

/** Removes a user's unused reset links (a newer request or a new password makes them pointless). */
export function deleteOpenPasswordResets(tx: Tx, userId: string): number {
  return tx
    .delete(passwordResets)
    .where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)))
    .run().changes;
}

/** Marks a reset used if it still is open; false when another request used it first or it expired. */
export function claimPasswordReset(tx: Tx, id: string, now: number): boolean {
  return (
    tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.id, id), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)))
      .run().changes === 1
  );
}
