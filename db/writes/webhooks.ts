// Webhook subscriber writes. The URL is unique per page (a partial unique index); the secret is stored as is,
// because it must be usable to sign, and it is shown to its owner once.
import { and, eq, isNull, lt, sql } from "drizzle-orm";
import { newId } from "@/core/ids";
import type { Locale } from "@/core/i18n/locales";
import type { Tx } from "../index";
import { webhookDeliveriesRange } from "../queries/webhooks";
import { deliveries, subscriberComponents, subscribers } from "../schema";

export interface NewWebhookSubscriber {
  pageId: string;
  url: string;
  secret: string;
  /** The owner to tell when the webhook is disabled; lower-cased. */
  email: string | null;
  /** Empty: everything. */
  componentIds: readonly string[];
  origin: "public" | "console" | "api";
  at: number;
  /** pending: registered, waiting to answer its verification ping (services/webhooks/register.ts). */
  state?: "active" | "pending";
  /** The owner's language, for the disabled-webhook email (omitted: the default). */
  language?: Locale;
}

export function insertWebhookSubscriber(tx: Tx, input: NewWebhookSubscriber): string {
  const id = newId();
  tx.insert(subscribers)
    .values({
      id,
      pageId: input.pageId,
      kind: "webhook",
      webhookUrl: input.url,
      webhookSecret: input.secret,
      email: input.email?.toLowerCase() ?? null,
      state: input.state ?? "active",
      allComponents: input.componentIds.length === 0,
      confirmedAt: input.state === "pending" ? null : input.at,
      origin: input.origin,
      ...(input.language ? { language: input.language } : {}),
      createdAt: input.at,
      updatedAt: input.at,
    })
    .run();
  if (input.componentIds.length > 0) {
    tx.insert(subscriberComponents)
      .values([...new Set(input.componentIds)].map((componentId) => ({ subscriberId: id, componentId })))
      .run();
  }
  return id;
}

/** Deletes a webhook with its scope and its delivery history (keyed by the subscriber, see webhookDeliveryKey). */
export function deleteWebhookSubscriber(tx: Tx, id: string): void {
  tx.delete(deliveries).where(webhookDeliveriesRange(id)).run();
  tx.delete(subscribers)
    .where(and(eq(subscribers.id, id), eq(subscribers.kind, "webhook")))
    .run();
}

/** The verification ping got a 2xx: the webhook receives events from now on. True if it was pending. */
export function activateWebhook(tx: Tx, id: string, at: number): boolean {
  return (
    tx
      .update(subscribers)
      .set({ state: "active", confirmedAt: at, updatedAt: at })
      .where(and(eq(subscribers.id, id), eq(subscribers.kind, "webhook"), eq(subscribers.state, "pending")))
      .run().changes > 0
  );
}

/** A delivery got a 2xx: the webhook is healthy again. */
export function markWebhookHealthy(tx: Tx, id: string, at: number): void {
  tx.update(subscribers)
    .set({ webhookFailingSince: null, updatedAt: at })
    .where(and(eq(subscribers.id, id), sql`${subscribers.webhookFailingSince} is not null`))
    .run();
}

/** A delivery failed: remember since when (the first failure of a streak). */
export function markWebhookFailing(tx: Tx, id: string, at: number): void {
  tx.update(subscribers)
    .set({ webhookFailingSince: at, updatedAt: at })
    .where(and(eq(subscribers.id, id), isNull(subscribers.webhookFailingSince)))
    .run();
}

/** Gave up after the retry budget: no more deliveries until someone re-enables it. True if it was live. */
export function disableWebhook(tx: Tx, id: string, at: number): boolean {
  return (
    tx
      .update(subscribers)
      .set({ webhookDisabledAt: at, updatedAt: at })
      .where(and(eq(subscribers.id, id), isNull(subscribers.webhookDisabledAt)))
      .run().changes > 0
  );
}

export function reenableWebhook(tx: Tx, id: string, at: number): boolean {
  return (
    tx
      .update(subscribers)
      .set({ webhookDisabledAt: null, webhookFailingSince: null, updatedAt: at })
      .where(
        and(eq(subscribers.id, id), eq(subscribers.kind, "webhook"), sql`${subscribers.webhookDisabledAt} is not null`),
      )
      .run().changes > 0
  );
}

/** The status code of a successful POST, for the console (markDeliverySent clears it). */
export function recordWebhookStatus(tx: Tx, deliveryId: string, statusCode: number | null): void {
  tx.update(deliveries).set({ lastStatusCode: statusCode }).where(eq(deliveries.id, deliveryId)).run();
}

/**
 * Anonymous registrations whose ping was never answered are forgotten after `maxAgeMs` (they hold their URL
 * and were never used); the console's stay pending until an admin removes them or pings again.
 */
export function deleteStaleUnverifiedWebhooks(tx: Tx, now: number, maxAgeMs: number): number {
  const stale = tx
    .select({ id: subscribers.id })
    .from(subscribers)
    .where(
      and(
        eq(subscribers.kind, "webhook"),
        eq(subscribers.state, "pending"),
        eq(subscribers.origin, "public"),
        lt(subscribers.createdAt, now - maxAgeMs),
      ),
    )
    .all();
  for (const { id } of stale) deleteWebhookSubscriber(tx, id);
  return stale.length;
}
