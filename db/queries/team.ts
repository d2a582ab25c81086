import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Tx } from "../index";
import { invitations, users } from "../schema";

export function findInvitationByTokenHash(tx: Tx, tokenHash: string) {
  return tx.select().from(invitations).where(eq(invitations.tokenHash, tokenHash)).get();
}

export function listOpenInvitations(tx: Tx, now: number) {
  return tx
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      createdAt: invitations.createdAt,
    })
    .from(invitations)
    .where(and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now)))
    .all();
}

export function findOpenInvitation(tx: Tx, id: string, now: number) {
  return tx
    .select()
    .from(invitations)
    .where(
      and(
        eq(invitations.id, id),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, now),
      ),
    )
    .get();
}

export function countOwners(tx: Tx): number {
  return (
    tx
      .select({ n: sql<number>`count(*)` })
      .from(users)
      .where(eq(users.role, "owner"))
      .get()?.n ?? 0
  );
}
