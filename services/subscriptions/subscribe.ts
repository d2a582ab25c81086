// The public sign-up with confirmed opt-in. Every valid request gets the same answer whether or not the
// address is known (no enumeration); only a pending-free, unlimited request sends an email: a confirmation
// for a new (or lapsed) address, a manage link for an address already subscribed.
import { subscriptionAudience } from "@/core/audience";
import { createHash } from "node:crypto";
import { z } from "zod";
import type { Audience } from "@/db/constants";
import type { Db, Tx } from "@/db";
import { getEmailSubscriberByAddress, getPageRow, getSubscriber } from "@/db/queries/subscribers";
import { enqueueNotification } from "@/db/writes/outbox";
import { consumeRateLimit } from "@/db/writes/subscription-limits";
import { ensureAppSecret } from "@/db/writes/page";
import { confirmSubscriber, upsertPendingSubscriber } from "@/db/writes/subscribers";
import { isId, newId } from "@/core/ids";
import { confirmationToken } from "@/services/notifications/tokens";
import { HOUR } from "@/core/time";
import type { Locale } from "@/core/i18n/locales";
import { invalidField, signupProblem, type InvalidSignup } from "@/core/signup-problems";
import { languageField } from "./language";
import { emailField, emailSignupProblems } from "./email-field";

export const CONFIRMATION_TTL_MS = 48 * HOUR;
export const SUBSCRIBE_LIMITS = {
  perIpPerHour: 10,
  perEmailPerHour: 3,
  confirmationsPerHour: 500,
};

export const subscribeSchema = z.object({
  email: emailField,
  scope: z.enum(["all", "some"]).default("all"),
  componentIds: z
    .array(z.string().refine(isId, { error: "componentInvalid" }))
    .max(500)
    .default([]),
  /** The honeypot: a field people never see or fill in. */
  website: z.string().max(1000).default(""),
  /** The language of the page it was posted from (missing or tampered: the default). */
  language: languageField,
});
export type SubscribeInput = z.input<typeof subscribeSchema>;

/** A refusal carries its problems (say them with inLanguage) and their English words. */
export type SubscribeResult = { status: "check-inbox" } | InvalidSignup | { status: "too-many" };

const hash = (value: string) => createHash("sha256").update(value).digest("hex");

/**
 * The hash a pending subscriber keeps of its confirmation token. The token is derived from the subscriber's
 * id and the confirmation's sent time (`at`, stored as confirmationSentAt) with the app secret, so nothing
 * stores it: the worker derives it again to write the email. Whoever makes a sign-up pending uses this.
 */
export function confirmTokenHash(tx: Tx, subscriberId: string, at: number): string {
  return hash(confirmationToken(ensureAppSecret(tx, at), subscriberId, at).split(".")[1]);
}

/**
 * `audience` is who asked, as the server resolved it (a viewer or an allowed network: internal), never
 * anything the form says: an internal subscriber also hears of internal incidents.
 */
export function requestSubscription(
  db: Db,
  raw: SubscribeInput,
  ip: string,
  now = Date.now(),
  audience: Audience = "public",
): SubscribeResult {
  const parsed = subscribeSchema.safeParse(raw);
  if (!parsed.success) return emailSignupProblems(parsed.error);
  const input = parsed.data;
  if (input.website !== "") return { status: "check-inbox" }; // a bot: pretend, do nothing
  if (input.scope === "some" && input.componentIds.length === 0) {
    return invalidField("componentIds", signupProblem("componentsNone"));
  }
  const email = input.email.toLowerCase();
  const page = getPageRow(db)!;
  return db.transaction((tx) => {
    if (!consumeRateLimit(tx, `subscribe:ip:${hash(ip).slice(0, 32)}`, SUBSCRIBE_LIMITS.perIpPerHour, HOUR, now))
      return { status: "too-many" as const };
    // Past this point every branch answers the same.
    const sameAnswer = { status: "check-inbox" as const };
    if (
      !consumeRateLimit(tx, `subscribe:email:${hash(email).slice(0, 32)}`, SUBSCRIBE_LIMITS.perEmailPerHour, HOUR, now)
    )
      return sameAnswer;
    const existing = getEmailSubscriberByAddress(tx, page.id, email);
    if (existing?.state === "pending" && (existing.confirmationExpiresAt ?? 0) > now) return sameAnswer;
    if (!consumeRateLimit(tx, "subscribe:confirmations", SUBSCRIBE_LIMITS.confirmationsPerHour, HOUR, now))
      return { status: "too-many" as const };
    if (existing?.state === "active") {
      enqueueNotification(tx, {
        pageId: page.id,
        kind: "subscription_manage_link",
        subscriberId: existing.id,
        at: now,
      });
      return sameAnswer;
    }
    const componentIds = input.scope === "all" ? [] : [...new Set(input.componentIds)];
    const who = subscriptionAudience(audience, email, page.viewerEmailDomains);
    startConfirmation(
      tx,
      page,
      existing?.id ?? null,
      { email, componentIds, language: input.language, audience: who },
      now,
    );
    return sameAnswer;
  });
}

/**
 * Makes the address pending and queues the confirmation email (subscription_confirm). Also used when a
 * member adds an address by hand and asks for a confirmation (origin "console" or "api").
 */
export function startConfirmation(
  tx: Tx,
  page: { id: string; url: string | null },
  existingId: string | null,
  input: {
    email: string;
    componentIds: readonly string[];
    origin?: string;
    /** Following one incident (services/subscriptions/follow.ts). */
    follow?: { incidentId: string; postmortem: boolean };
    language?: Locale;
    audience?: Audience;
  },
  now: number,
): string {
  const id = existingId ?? newId();
  // The token is derived from the id and this sign-up's time (confirmTokenHash): nothing secret is stored.
  upsertPendingSubscriber(tx, page.id, existingId, {
    ...input,
    id,
    confirmTokenHash: confirmTokenHash(tx, id, now),
    at: now,
    expiresAt: now + CONFIRMATION_TTL_MS,
  });
  // A follow's confirmation carries its incident, so the email can name it.
  const incidentId = input.follow?.incidentId ?? null;
  enqueueNotification(tx, { pageId: page.id, kind: "subscription_confirm", subscriberId: id, incidentId, at: now });
  return id;
}

/** The pending subscriber a confirmation link belongs to, if it is valid and not expired. */
export function pendingForConfirmToken(db: Tx, token: string, now = Date.now()) {
  if (token.length > 100) return null;
  const [id, secret] = token.split(".");
  if (!isId(id) || !secret) return null;
  const subscriber = getSubscriber(db, id);
  if (!subscriber || subscriber.state !== "pending" || !subscriber.confirmTokenHash) return null;
  if ((subscriber.confirmationExpiresAt ?? 0) <= now) return null;
  return subscriber.confirmTokenHash === hash(secret) ? subscriber : null;
}

/** The Confirm button (a POST): activates the subscription. */
export function confirmSubscription(db: Db, token: string, now = Date.now()): boolean {
  return db.transaction((tx) => {
    const subscriber = pendingForConfirmToken(tx, token, now);
    if (!subscriber) return false;
    confirmSubscriber(tx, subscriber.id, now);
    return true;
  });
}
