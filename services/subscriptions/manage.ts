// What a subscriber can do with their manage link. Every call checks the token again.
import { z } from "zod";
import type { Db } from "@/db";
import { getSubscriber } from "@/db/queries/subscribers";
import { ensureAppSecret } from "@/db/writes/page";
import { setPaused, setSubscriberComponents, setSubscriberLanguage, unsubscribe } from "@/db/writes/subscribers";
import { isLocale } from "@/core/i18n/locales";
import { isId } from "@/core/ids";
import { signSubscriberToken } from "@/services/notifications/tokens";
import { subscriberForToken } from "./access";
import { confirmSubscription } from "./subscribe";

export const preferencesSchema = z.object({
  scope: z.enum(["all", "some"]),
  componentIds: z.array(z.string().refine(isId)).max(500),
});

/** `code` names the refusal, so the page can say it in the subscriber's language (messages/manage). */
export type ManageError = "invalidLink" | "follow" | "invalid" | "chooseOne";
export type ManageResult = { ok: true } | { ok: false; error: string; code: ManageError };

const refused = (code: ManageError, error: string): ManageResult => ({ ok: false, error, code });

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
  if (!s) return refused("invalidLink", "This link is not valid any more.");
  // A follow of one incident stays one: choosing services here would turn it into a page subscription.
  if (s.followIncidentId) return refused("follow", "This follows one incident; it has no services to choose.");
  const parsed = preferencesSchema.safeParse(input);
  if (!parsed.success) return refused("invalid", "Those choices are not valid.");
  if (parsed.data.scope === "some" && parsed.data.componentIds.length === 0)
    return refused("chooseOne", "Choose at least one service, or everything.");
  setSubscriberComponents(db, s.id, parsed.data.scope === "all" ? [] : [...new Set(parsed.data.componentIds)], now);
  return { ok: true };
}

/** The language select: any language of the list, for any subscriber the link still belongs to. */
export function setLanguageByToken(db: Db, token: string, language: unknown, now = Date.now()): ManageResult {
  const s = subscriberForToken(db, "manage", token);
  if (!s) return refused("invalidLink", "This link is not valid any more.");
  if (!isLocale(language)) return refused("invalid", "Choose one of the languages offered.");
  setSubscriberLanguage(db, s.id, language, now);
  return { ok: true };
}

export function pauseByToken(db: Db, token: string, paused: boolean, now = Date.now()): ManageResult {
  const s = activeSubscriber(db, token);
  if (!s) return refused("invalidLink", "This link is not valid any more.");
  setPaused(db, s.id, paused, now);
  return { ok: true };
}

export function unsubscribeByManageToken(db: Db, token: string, now = Date.now()): ManageResult {
  const s = subscriberForToken(db, "manage", token);
  if (!s) return refused("invalidLink", "This link is not valid any more.");
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
