import { eq, sql } from "drizzle-orm";
import type { UserRole } from "@/db/constants";
import { newId } from "@/core/ids";
import type { Tx } from "../index";
import { users } from "../schema";

export function countUsers(tx: Tx): number {
  return (
    tx
      .select({ n: sql<number>`count(*)` })
      .from(users)
      .get()?.n ?? 0
  );
}

export function insertUser(
  tx: Tx,
  input: { email: string; name?: string; passwordHash: string; role: UserRole; at: number },
): string {
  const id = newId();
  tx.insert(users)
    .values({
      id,
      email: input.email.toLowerCase(),
      name: input.name ?? "",
      passwordHash: input.passwordHash,
      role: input.role,
      passwordChangedAt: input.at,
      createdAt: input.at,
      updatedAt: input.at,
    })
    .run();
  return id;
}

export function recordSignIn(tx: Tx, userId: string, at: number): void {
  tx.update(users).set({ lastSignInAt: at }).where(eq(users.id, userId)).run();
}

export function updatePasswordHash(tx: Tx, userId: string, passwordHash: string, at: number): void {
  tx.update(users).set({ passwordHash, passwordChangedAt: at, updatedAt: at }).where(eq(users.id, userId)).run();
}
