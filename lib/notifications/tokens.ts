// Manage and unsubscribe links carry a token derived from the subscriber id, its token_version and the
// app's signing secret (HMAC-SHA256). Nothing is stored: raising token_version revokes every old link.
import { createHmac, timingSafeEqual } from "node:crypto";
import { isId } from "@/lib/ids";

export type TokenPurpose = "manage" | "unsubscribe";

function mac(secret: string, purpose: TokenPurpose, subscriberId: string, version: number): string {
  return createHmac("sha256", secret).update(`${purpose}:${subscriberId}:${version}`).digest("base64url").slice(0, 32);
}

export function signSubscriberToken(secret: string, purpose: TokenPurpose, subscriberId: string, version: number): string {
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
