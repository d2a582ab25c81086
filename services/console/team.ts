// The team: invitations (single-use, expiring links; the token is derived from the invitation's id with the
// app secret and only its hash is stored), roles, removal.
// Admins manage admins and editors; only owners touch owners; the last owner always stays an owner.
import type { Db } from "@/db";
import type { UserRole } from "@/db/constants";
import { findUserByEmail, findUserById } from "@/db/queries/users";
import { countOwners, findInvitationByTokenHash, findOpenInvitation, listOpenInvitations } from "@/db/queries/team";
import {
  deleteUser,
  insertInvitation,
  markInvitationAccepted,
  revokeInvitationRow,
  updateUserRole,
} from "@/db/writes/team";
import { insertUser } from "@/db/writes/users";
import { getThePage } from "@/db/queries/settings";
import { setRequireTwoFactor } from "@/db/writes/settings";
import { canManageMember } from "@/services/auth/roles";
import { createSession } from "@/services/auth/sessions";
import { hashToken } from "@/services/auth/tokens";
import { ensureAppSecret } from "@/db/writes/page";
import { newId } from "@/core/ids";
import { invitationToken } from "@/services/notifications/tokens";
import { hashPassword } from "@/services/password";
import { DAY } from "@/core/time";
import { insertAuditEntry } from "@/db/writes/audit";
import { assertCan, type Actor } from "@/core/actor";
import { audit } from "./audit";
import { deliverInvitation } from "./invitation-delivery";
import { ssoProtectsMember } from "./sso";

export const INVITATION_LIFETIME = 7 * DAY;

/** Whether this actor may act on a member whose role is `current` (and becomes `next`). */
function mayManage(actor: Actor, current: UserRole, next?: UserRole): boolean {
  if (actor.type === "system") return true;
  return actor.type === "user" && canManageMember(actor.role, current, next);
}

type Refusal = { ok: false; message: string; errors?: Record<string, string[]> };
const NOT_ALLOWED: Refusal = { ok: false, message: "Only an owner can grant, change or remove the owner role." };

export function invite(
  db: Db,
  actor: Actor,
  input: { email: string; role: UserRole },
  publicUrl: string,
  now: number,
): { ok: true; link: string | null; email: string } | Refusal {
  assertCan(actor, "team.manage");
  if (!mayManage(actor, input.role, input.role)) return NOT_ALLOWED;
  const email = input.email.trim().toLowerCase();
  return db.transaction((tx) => {
    if (findUserByEmail(tx, email))
      return {
        ok: false,
        message: "Please correct the fields marked below.",
        errors: { email: ["This person is already a member."] },
      };
    const invitationId = newId();
    const token = invitationToken(ensureAppSecret(tx, now), invitationId);
    const link = `${publicUrl}/invite/${token}`;
    insertInvitation(tx, {
      id: invitationId,
      email,
      role: input.role,
      tokenHash: hashToken(token),
      invitedBy: actor.type === "user" ? actor.userId : null,
      expiresAt: now + INVITATION_LIFETIME,
      at: now,
    });
    const delivery = deliverInvitation(
      tx,
      { invitationId, email, role: input.role, link, invitedBy: actor.label },
      now,
    );
    audit(tx, actor, now, "team.invite", { type: "invitation", id: invitationId }, { email, role: input.role });
    return { ok: true, email, link: delivery.showLinkToInviter ? link : null };
  });
}

export function revokeInvitation(db: Db, actor: Actor, id: string, now: number): { ok: true } | Refusal {
  assertCan(actor, "team.manage");
  return db.transaction((tx) => {
    const invitation = findOpenInvitation(tx, id, now);
    if (!invitation) return { ok: false, message: "This invitation was already used, revoked or expired." };
    if (!mayManage(actor, invitation.role, invitation.role)) return NOT_ALLOWED;
    revokeInvitationRow(tx, id, now);
    audit(tx, actor, now, "team.revoke_invitation", { type: "invitation", id }, { email: invitation.email });
    return { ok: true };
  });
}

/** The invitation a link stands for, if it can still be used. */
export function openInvitationForToken(db: Db, token: string, now = Date.now()) {
  if (!token || token.length > 200) return null;
  const invitation = findInvitationByTokenHash(db, hashToken(token));
  if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt <= now) return null;
  return invitation;
}

/** Creates the member and signs them in. The link works once. */
export async function acceptInvitation(
  db: Db,
  token: string,
  input: { name: string; password: string; ip: string | null; userAgent?: string | null },
  now: number,
): Promise<{ ok: true; sessionToken: string; expiresAt: number } | Refusal> {
  const invitation = openInvitationForToken(db, token, now);
  if (!invitation) return { ok: false, message: "This invitation link is no longer valid. Ask for a new one." };
  const passwordHash = await hashPassword(input.password);
  return db.transaction((tx) => {
    if (findUserByEmail(tx, invitation.email))
      return { ok: false, message: "There is already a member with this email. Sign in instead." };
    if (!markInvitationAccepted(tx, invitation.id, now))
      return { ok: false, message: "This invitation link is no longer valid. Ask for a new one." };
    const userId = insertUser(tx, {
      email: invitation.email,
      name: input.name,
      passwordHash,
      role: invitation.role,
      at: now,
    });
    const session = createSession(tx, {
      userId,
      pendingTwoFactor: false,
      now,
      ip: input.ip,
      userAgent: input.userAgent,
    });
    insertAuditEntry(tx, {
      at: now,
      actorType: "user",
      actorId: userId,
      actorLabel: invitation.email,
      action: "team.accept_invitation",
      targetType: "user",
      targetId: userId,
      detail: { role: invitation.role },
      ip: input.ip,
    });
    return { ok: true, sessionToken: session.token, expiresAt: session.expiresAt };
  });
}

export function changeRole(
  db: Db,
  actor: Actor,
  userId: string,
  role: UserRole,
  now: number,
): { ok: true; email: string } | Refusal {
  assertCan(actor, "team.manage");
  return db.transaction((tx) => {
    const target = findUserById(tx, userId);
    if (!target) return { ok: false, message: "This member no longer exists." };
    if (!mayManage(actor, target.role, role)) return NOT_ALLOWED;
    if (target.role === role) return { ok: true, email: target.email };
    if (target.role === "owner" && countOwners(tx) <= 1) {
      return { ok: false, message: "This is the last owner. Make someone else an owner first." };
    }
    const protectedBySso = ssoProtectsMember(tx, userId);
    if (protectedBySso) return { ok: false, message: protectedBySso };
    updateUserRole(tx, userId, role, now);
    audit(
      tx,
      actor,
      now,
      "team.change_role",
      { type: "user", id: userId },
      { email: target.email, from: target.role, to: role },
    );
    return { ok: true, email: target.email };
  });
}

export function removeMember(db: Db, actor: Actor, userId: string, now: number): { ok: true; email: string } | Refusal {
  assertCan(actor, "team.manage");
  return db.transaction((tx) => {
    const target = findUserById(tx, userId);
    if (!target) return { ok: false, message: "This member no longer exists." };
    if (!mayManage(actor, target.role)) return NOT_ALLOWED;
    if (target.role === "owner" && countOwners(tx) <= 1) {
      return { ok: false, message: "This is the last owner and cannot be removed." };
    }
    const protectedBySso = ssoProtectsMember(tx, userId);
    if (protectedBySso) return { ok: false, message: protectedBySso };
    deleteUser(tx, userId); // sessions and recovery codes go with it (foreign keys cascade)
    audit(
      tx,
      actor,
      now,
      "team.remove_member",
      { type: "user", id: userId },
      { email: target.email, role: target.role },
    );
    return { ok: true, email: target.email };
  });
}

/** Invitations not yet used, revoked or expired. */
export function pendingInvitations(db: Db, now = Date.now()) {
  return listOpenInvitations(db, now);
}

/** Owners can require two-factor sign-in for every member (services/auth/dal.ts enforces it). */
export function setTwoFactorRequirement(db: Db, actor: Actor, required: boolean, now: number): void {
  assertCan(actor, "team.require_two_factor");
  db.transaction((tx) => {
    const page = getThePage(tx);
    setRequireTwoFactor(tx, page.id, required, now);
    audit(tx, actor, now, "page.require_two_factor", { type: "page", id: page.id }, { required });
  });
}
