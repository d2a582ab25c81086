// What an invitation link is now, for its status code (proxy.ts) and its wording (app/invite). Kept apart from
// team.ts so the proxy loads only this lookup.
import type { Db } from "@/db";
import { findInvitationByTokenHash } from "@/db/queries/team";
import { hashToken } from "@/services/auth/tokens";

/** "open", "gone" (used, revoked or expired: HTTP 410) or "unknown" (never issued: 404). */
export function invitationLinkState(db: Db, token: string, now = Date.now()): "open" | "gone" | "unknown" {
  if (!token || token.length > 200) return "unknown";
  const invitation = findInvitationByTokenHash(db, hashToken(token));
  if (!invitation) return "unknown";
  return invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt <= now ? "gone" : "open";
}
