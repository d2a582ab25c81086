import { and, eq, isNull, lt, or } from "drizzle-orm";
import type { Tx } from "../index";
import { recoveryCodes, users } from "../schema";

export function setPendingTotpSecret(tx: Tx, userId: string, secret: string, at: number): void {
  tx.update(users).set({ totpSecret: secret, totpEnabledAt: null, updatedAt: at }).where(eq(users.id, userId)).run();
}

export function enableTotp(tx: Tx, userId: string, at: number): void {
  tx.update(users).set({ totpEnabledAt: at, updatedAt: at }).where(eq(users.id, userId)).run();
}

export function disableTotp(tx: Tx, userId: string, at: number): void {
  tx.update(users).set({ totpSecret: null, totpEnabledAt: null, updatedAt: at }).where(eq(users.id, userId)).run();
  tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)).run();
}

export function replaceRecoveryCodes(tx: Tx, userId: string, codeHashes: readonly string[], at: number): void {
  tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)).run();
  for (const codeHash of codeHashes) tx.insert(recoveryCodes).values({ userId, codeHash, createdAt: at }).run();
}

/** Uses up a recovery code; false if there is no unused code with this hash for this user. */
export function consumeRecoveryCode(tx: Tx, userId: string, codeHash: string, at: number): boolean {
  return (
    tx
      .update(recoveryCodes)
      .set({ usedAt: at })
      .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, codeHash), isNull(recoveryCodes.usedAt)))
      .run().changes > 0
  );
}

/** Records the step of a code used to sign in; false when that step (or a later one) was already used. */
export function claimTotpStep(tx: Tx, userId: string, step: number): boolean {
  return (
    tx
      .update(users)
      .set({ totpLastStep: step })
      .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
      .run().changes === 1
  );
}
