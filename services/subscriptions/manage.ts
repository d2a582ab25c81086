// What a subscriber can do with their manage link. Every call checks the token again.
import { z } from "zod";
import type { Db } from "@/db";
import { getSubscriber } from "@/db/queries/subscribers";
import { ensureAppSecret } from "@/db/writes/page";
import { setPaused, setSubscriberComponents, unsubscribe } from "@/db/writes/subscribers";
import { isId } from "@/core/ids";
import { signSubscriberToken } from "@/services/notifications/tokens";
import { subscriberForToken } from "./access";
import { confirmSubscription } from "./subscribe";

export const preferencesSchema = z.object({
  scope: z.enum(["all", "some"]),
  componentIds: z.array(z.string().refine(isId)).max(500),
});

export type ManageResult = { ok: true } | { ok: false; error: string };

function activeSubscriber(db: Db, token: string) {
  const s = subscriberForToken(db, "manage", token);
  return s && s.state === "active" ? s : null;
}

export function updatePreferences(
  db: Db,
  token: string,
  input: z.input<typeof preferencesSchema>,
  now = Date.now(),
): ManageResult {
  const s = activeSubscriber(db, token);
  if (!s) return { ok: false, error: "This link is not valid any more." };
  // A follow of one incident stays one: choosing services here would turn it into a page subscription.
  if (s.followIncidentId) return { ok: false, error: "This follows one incident; it has no services to choose." };
  const parsed = preferencesSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "Those choices are not valid." };
  if (parsed.data.scope === "some" && parsed.data.componentIds.length === 0)
    return { ok: false, error: "Choose at least one service, or everything." };
  setSubscriberComponents(db, s.id, parsed.data.scope === "all" ? [] : [...new Set(parsed.data.componentIds)], now);
  return { ok: true };
}

export function pauseByToken(db: Db, token: string, paused: boolean, now = Date.now()): ManageResult {
  const s = activeSubscriber(db, token);
  if (!s) return { ok: false, error: "This link is not valid any more." };
  setPaused(db, s.id, paused, now);
  return { ok: true };
}

export function unsubscribeByManageToken(db: Db, token: string, now = Date.now()): ManageResult {
  const s = subscriberForToken(db, "manage", token);
  if (!s) return { ok: false, error: "This link is not valid any more." };
  if (s.state !== "unsubscribed") unsubscribe(db, s.id, now);
  return { ok: true };
}

/** Confirms a sign-up and returns the new manage token, or null when the confirmation link is not valid. */
export function confirmAndGetManageToken(db: Db, confirmToken: string, now = Date.now()): string | null {
  const id = confirmToken.split(".")[0];
  if (!confirmSubscription(db, confirmToken, now)) return null;
  const s = getSubscriber(db, id)!;
  return signSubscriberToken(ensureAppSecret(db, now), "manage", s.id, s.tokenVersion);
}
