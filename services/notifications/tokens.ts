// Manage and unsubscribe links carry a token derived from the subscriber id, its token_version and the
// app's signing secret (HMAC-SHA256). Nothing is stored: raising token_version revokes every old link.
import { createHmac, timingSafeEqual } from "node:crypto";
import { isId } from "@/core/ids";

/** vote: the "Was this helpful?" links of a notification email (services/votes). */
export type TokenPurpose = "manage" | "unsubscribe" | "vote";

function mac(secret: string, purpose: TokenPurpose, subscriberId: string, version: number): string {
  return createHmac("sha256", secret).update(`${purpose}:${subscriberId}:${version}`).digest("base64url").slice(0, 32);
}

export function signSubscriberToken(
  secret: string,
  purpose: TokenPurpose,
  subscriberId: string,
  version: number,
): string {
  return `${subscriberId}.${mac(secret, purpose, subscriberId, version)}`;
}

/** The subscriber id a token names, if it has the right shape; verify it with verifySubscriberToken. */
export function tokenSubscriberId(token: string): string | null {
  if (token.length > 64) return null;
  const [id, signature, extra] = token.split(".");
  return extra === undefined && isId(id) && /^[A-Za-z0-9_-]{32}$/.test(signature ?? "") ? id : null;
}

export function verifySubscriberToken(
  secret: string,
  purpose: TokenPurpose,
  token: string,
  subscriber: { id: string; tokenVersion: number },
): boolean {
  if (tokenSubscriberId(token) !== subscriber.id) return false;
  const expected = Buffer.from(signSubscriberToken(secret, purpose, subscriber.id, subscriber.tokenVersion));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * A single-use link's secret, derived instead of stored: HMAC of what the link is for with the app secret.
 * The row it opens keeps only a hash of it (to verify and to revoke), and the outbox never holds it: the
 * worker derives it again when it renders the email.
 */
function linkSecret(
  secret: string,
  purpose: "confirm" | "invite" | "reset" | "viewer-link",
  ...parts: (string | number)[]
): string {
  return createHmac("sha256", secret)
    .update(`${purpose}:${parts.join(":")}`)
    .digest("base64url");
}

/** The confirmation link's token for a sign-up: changes with every new confirmation (its sent time). */
export function confirmationToken(secret: string, subscriberId: string, confirmationSentAt: number): string {
  return `${subscriberId}.${linkSecret(secret, "confirm", subscriberId, confirmationSentAt)}`;
}

/** The invitation link's token (43 characters): one per invitation. */
export function invitationToken(secret: string, invitationId: string): string {
  return linkSecret(secret, "invite", invitationId);
}

/** The password reset link's token (43 characters): one per reset request. */
export function passwordResetToken(secret: string, resetId: string): string {
  return linkSecret(secret, "reset", resetId);
}

/** A viewer's email sign-in link token (43 characters): one per link. */
export function viewerLinkToken(secret: string, linkId: string): string {
  return linkSecret(secret, "viewer-link", linkId);
}

/** What replaces a single-use link's token in the stored copy of an email once Resend has it. */
export const REMOVED_LINK_TOKEN = "link-removed-once-sent";
