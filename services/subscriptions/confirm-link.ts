// What a confirmation link is now: usable, gone (it was real, but it has been used or has expired), or
// unknown. The page answers 200, 410 or 404 accordingly.
import { timingSafeEqual } from "node:crypto";
import type { Tx } from "@/db";
import { getSubscriber } from "@/db/queries/subscribers";
import { ensureAppSecret } from "@/db/writes/page";
import { isId } from "@/core/ids";
import { confirmationToken } from "@/services/notifications/tokens";
import { pendingForConfirmToken } from "./subscribe";

export type ConfirmLink =
  | { state: "valid"; subscriber: NonNullable<ReturnType<typeof pendingForConfirmToken>> }
  | { state: "gone" }
  | { state: "unknown" };

export function confirmLinkState(db: Tx, token: string, now = Date.now()): ConfirmLink {
  const subscriber = pendingForConfirmToken(db, token, now);
  if (subscriber) return { state: "valid", subscriber };
  if (token.length > 100) return { state: "unknown" };
  const id = token.split(".")[0];
  const s = isId(id) ? getSubscriber(db, id) : undefined;
  if (!s || s.confirmationSentAt === null) return { state: "unknown" };
  // The token is derived from the sign-up's time, which stays after confirming: a used or expired link can
  // be told from a made-up one. (A never-confirmed sign-up is deleted when it expires: then it is unknown.)
  const expected = Buffer.from(confirmationToken(ensureAppSecret(db, now), s.id, s.confirmationSentAt));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given)
    ? { state: "gone" }
    : { state: "unknown" };
}
