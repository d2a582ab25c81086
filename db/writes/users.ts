import { sql } from "drizzle-orm";
import type { UserRole } from "@/db/constants";
import { newId } from "@/lib/ids";
import type { Tx } from "../index";
import { users } from "../schema";

export function countUsers(tx: Tx): number {
  return tx.select({ n: sql<number>`count(*)` }).from(users).get()?.n ?? 0;
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
