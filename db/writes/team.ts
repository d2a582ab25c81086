import { and, eq, isNull } from "drizzle-orm";
import type { UserRole } from "@/db/constants";
import { newId } from "@/core/ids";
import type { Tx } from "../index";
import { invitations, users } from "../schema";

export function insertInvitation(
  tx: Tx,
  input: {
    id?: string;
    email: string;
    role: UserRole;
    tokenHash: string;
    invitedBy: string | null;
    expiresAt: number;
    at: number;
  },
): string {
  const id = input.id ?? newId();
  tx.insert(invitations)
    .values({
      id,
      email: input.email,
      role: input.role,
      tokenHash: input.tokenHash,
      invitedBy: input.invitedBy,
      expiresAt: input.expiresAt,
      createdAt: input.at,
    })
    .run();
  return id;
}

/** Marks an invitation used; returns false if someone else used or revoked it first. */
export function markInvitationAccepted(tx: Tx, id: string, at: number): boolean {
  return (
    tx
      .update(invitations)
      .set({ acceptedAt: at })
      .where(and(eq(invitations.id, id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
      .run().changes === 1
  );
}

export function revokeInvitationRow(tx: Tx, id: string, at: number): void {
  tx.update(invitations).set({ revokedAt: at }).where(eq(invitations.id, id)).run();
}

export function updateUserRole(tx: Tx, userId: string, role: UserRole, at: number): void {
  tx.update(users).set({ role, updatedAt: at }).where(eq(users.id, userId)).run();
}

export function deleteUser(tx: Tx, userId: string): void {
  tx.delete(users).where(eq(users.id, userId)).run();
}
