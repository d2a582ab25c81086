import { asc, eq } from "drizzle-orm";
import type { Tx } from "../index";
import { sessions, users } from "../schema";

export function findUserByEmail(tx: Tx, email: string) {
  return tx.select().from(users).where(eq(users.email, email.trim().toLowerCase())).get();
}

export function findUserById(tx: Tx, id: string) {
  return tx.select().from(users).where(eq(users.id, id)).get();
}

/** The session with its user, by the token's hash. */
export function findSessionWithUser(tx: Tx, tokenHash: string) {
  return tx
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenHash, tokenHash))
    .get();
}

export function listUsers(tx: Tx) {
  return tx
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      totpEnabledAt: users.totpEnabledAt,
      lastSignInAt: users.lastSignInAt,
      createdAt: users.createdAt,
    })
    .from(users)
    .orderBy(asc(users.email))
    .all();
}

/** The longest-standing owner's email: the login `npm start` names. */
export function firstOwnerEmail(tx: Tx): string | null {
  return (
    tx
      .select({ email: users.email })
      .from(users)
      .where(eq(users.role, "owner"))
      .orderBy(asc(users.createdAt))
      .limit(1)
      .get()?.email ?? null
  );
}
