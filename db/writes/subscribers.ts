// Subscriber writes. Addresses are stored lower-cased.
import { and, eq, isNotNull, isNull, lt, sql } from "drizzle-orm";
import { newId } from "@/core/ids";
import type { Locale } from "@/core/i18n/locales";
import type { Audience } from "../constants";
import type { Tx } from "../index";
import { subscriberComponents, subscribers } from "../schema";

export interface NewEmailSubscriber {
  pageId: string;
  email: string;
  at: number;
  state?: "pending" | "active";
  /** Empty or omitted: everything. */
  componentIds?: readonly string[];
  origin?: string;
  /** The subscriber's language (core/i18n/locales.ts); omitted: the column's default, or unchanged. */
  language?: Locale;
  /** Who it may hear about; public unless it signed up from the internal page. */
  audience?: Audience;
}

export function insertEmailSubscriber(tx: Tx, input: NewEmailSubscriber): string {
  const id = newId();
  const componentIds = input.componentIds ?? [];
  tx.insert(subscribers)
    .values({
      id,
      pageId: input.pageId,
      kind: "email",
      email: input.email.trim().toLowerCase(),
      state: input.state ?? "pending",
      allComponents: componentIds.length === 0,
      confirmedAt: input.state === "active" ? input.at : null,
      origin: input.origin ?? "public",
      ...(input.language ? { language: input.language } : {}),
      audience: input.audience ?? "public",
      createdAt: input.at,
      updatedAt: input.at,
    })
    .run();
  if (componentIds.length > 0) {
    tx.insert(subscriberComponents)
      .values(componentIds.map((componentId) => ({ subscriberId: id, componentId })))
      .run();
  }
  return id;
}

/**
 * Unsubscribes at once. The links keep working (a repeated one-click POST answers the same); they are
 * revoked when the address subscribes again (confirmSubscriber raises token_version).
 */
export function unsubscribe(tx: Tx, subscriberId: string, at: number): void {
  tx.update(subscribers)
    .set({ state: "unsubscribed", unsubscribedAt: sql`coalesce(${subscribers.unsubscribedAt}, ${at})`, updatedAt: at })
    .where(eq(subscribers.id, subscriberId))
    .run();
}

/** A hard bounce or a complaint: never mailed again unless the person subscribes and confirms again. */
export function suppressSubscriber(tx: Tx, subscriberId: string, reason: string, at: number): void {
  tx.update(subscribers)
    .set({ state: "suppressed", suppressedAt: at, suppressionReason: reason, updatedAt: at })
    .where(eq(subscribers.id, subscriberId))
    .run();
}

/** The language the subscriber's emails, messages and manage page use (checked with isLocale by the caller). */
export function setSubscriberLanguage(tx: Tx, subscriberId: string, language: Locale, at: number): void {
  tx.update(subscribers).set({ language, updatedAt: at }).where(eq(subscribers.id, subscriberId)).run();
}

export function setPaused(tx: Tx, subscriberId: string, paused: boolean, at: number): void {
  tx.update(subscribers)
    .set({ pausedAt: paused ? at : null, updatedAt: at })
    .where(eq(subscribers.id, subscriberId))
    .run();
}

export interface PendingSignUp {
  /** The id a new subscriber gets (its confirmation token is derived from it); a fresh one if not given. */
  id?: string;
  email: string;
  componentIds: readonly string[];
  confirmTokenHash: string;
  at: number;
  expiresAt: number;
  /** For a new row: who added it ("public" by default, "console" or "api" when a member or a key did). */
  origin?: string;
  /** A follow of one incident (componentIds is then ignored): see subscribers.followIncidentId. */
  follow?: { incidentId: string; postmortem: boolean };
  /** The language the sign-up was made in: a new sign-up of a known address switches to it. */
  language?: Locale;
  /** Given by sign-ups from the page (who asked); omitted, a new row is public and an existing one keeps its own. */
  audience?: Audience;
}

/**
 * Makes the address's subscription pending confirmation (new, expired, unsubscribed or suppressed before).
 * A suppressed or unsubscribed address stays so marked until it confirms again.
 */
export function upsertPendingSubscriber(
  tx: Tx,
  pageId: string,
  existingId: string | null,
  input: PendingSignUp,
): string {
  const common = {
    state: "pending" as const,
    // A follower receives its incident only, never "everything".
    allComponents: !input.follow && input.componentIds.length === 0,
    ...(input.follow ? { followPostmortem: input.follow.postmortem } : {}),
    // A sign-up from the page decides (one from the public page is public again); a console one keeps it.
    ...(input.audience ? { audience: input.audience } : {}),
    confirmTokenHash: input.confirmTokenHash,
    confirmationSentAt: input.at,
    confirmationExpiresAt: input.expiresAt,
    ...(input.language ? { language: input.language } : {}),
    updatedAt: input.at,
  };
  let id = existingId;
  if (id) {
    tx.update(subscribers).set(common).where(eq(subscribers.id, id)).run();
    tx.delete(subscriberComponents).where(eq(subscriberComponents.subscriberId, id)).run();
  } else {
    id = input.id ?? newId();
    tx.insert(subscribers)
      .values({
        id,
        pageId,
        kind: "email",
        email: input.email.toLowerCase(),
        origin: input.origin ?? "public",
        followIncidentId: input.follow?.incidentId ?? null,
        createdAt: input.at,
        ...common,
      })
      .run();
  }
  if (!input.follow) setSubscriberComponents(tx, id, input.componentIds, input.at);
  return id;
}

export function setSubscriberComponents(
  tx: Tx,
  subscriberId: string,
  componentIds: readonly string[],
  at: number,
): void {
  tx.delete(subscriberComponents).where(eq(subscriberComponents.subscriberId, subscriberId)).run();
  if (componentIds.length > 0) {
    tx.insert(subscriberComponents)
      .values(componentIds.map((componentId) => ({ subscriberId, componentId })))
      .onConflictDoNothing()
      .run();
  }
  tx.update(subscribers)
    .set({ allComponents: componentIds.length === 0, updatedAt: at })
    .where(eq(subscribers.id, subscriberId))
    .run();
}

/** Confirmed opt-in: active from now on; older manage/unsubscribe links stop working. */
export function confirmSubscriber(tx: Tx, subscriberId: string, at: number): void {
  tx.update(subscribers)
    .set({
      state: "active",
      confirmedAt: at,
      confirmTokenHash: null,
      confirmationExpiresAt: null,
      unsubscribedAt: null,
      suppressedAt: null,
      suppressionReason: null,
      pausedAt: null,
      tokenVersion: sql`${subscribers.tokenVersion} + 1`,
      updatedAt: at,
    })
    .where(eq(subscribers.id, subscriberId))
    .run();
}

/** Unconfirmed sign-ups past their expiry: never-confirmed rows go, earlier states come back. */
export function expireUnconfirmed(tx: Tx, now: number): number {
  const expired = and(eq(subscribers.state, "pending"), lt(subscribers.confirmationExpiresAt, now));
  const deleted = tx
    .delete(subscribers)
    .where(and(expired, isNull(subscribers.confirmedAt)))
    .run().changes;
  const back = { confirmTokenHash: null, confirmationExpiresAt: null, updatedAt: now };
  tx.update(subscribers)
    .set({ state: "suppressed", ...back })
    .where(and(expired, isNotNull(subscribers.suppressedAt)))
    .run();
  tx.update(subscribers)
    .set({ state: "unsubscribed", ...back })
    .where(and(expired, isNotNull(subscribers.unsubscribedAt)))
    .run();
  return deleted;
}

/** Removes a subscriber for good (its choices, pending messages and deliveries go with it by cascade). */
export function deleteSubscriber(tx: Tx, subscriberId: string): void {
  tx.delete(subscribers).where(eq(subscribers.id, subscriberId)).run();
}
