// Reads about webhook subscribers and their deliveries.
import { and, asc, desc, eq, gte, inArray, isNull, lt, or } from "drizzle-orm";
import type { Db, Tx } from "../index";
import { deliveries, notifications, subscriberComponents, subscribers } from "../schema";

/** Endpoints (webhooks, chat channels) that receive events: active (not unsubscribed) and not disabled after failing. */
const liveOf = (kind: "webhook" | "chat") =>
  and(eq(subscribers.kind, kind), eq(subscribers.state, "active"), isNull(subscribers.webhookDisabledAt));
const live = liveOf("webhook");

export function hasLiveWebhooks(db: Tx, pageId: string): boolean {
  return !!db
    .select({ id: subscribers.id })
    .from(subscribers)
    .where(and(eq(subscribers.pageId, pageId), live))
    .limit(1)
    .get();
}

/**
 * The live webhooks an event about these components goes to, by id: those subscribed to everything and
 * those whose chosen components include one of them. An empty list (an incident without components) reaches
 * only the subscribers to everything.
 */
export function webhookRecipientIds(db: Tx, pageId: string, componentIds: readonly string[]): string[] {
  return endpointRecipientIds(db, pageId, "webhook", componentIds);
}

/** webhookRecipientIds for any endpoint kind (chat channels too: db/queries/chat.ts). */
export function endpointRecipientIds(
  db: Tx,
  pageId: string,
  kind: "webhook" | "chat",
  componentIds: readonly string[],
): string[] {
  const interested =
    componentIds.length > 0
      ? inArray(
          subscribers.id,
          db
            .select({ id: subscriberComponents.subscriberId })
            .from(subscriberComponents)
            .where(inArray(subscriberComponents.componentId, [...componentIds])),
        )
      : undefined;
  return db
    .select({ id: subscribers.id })
    .from(subscribers)
    .where(
      and(
        eq(subscribers.pageId, pageId),
        liveOf(kind),
        interested ? or(eq(subscribers.allComponents, true), interested) : eq(subscribers.allComponents, true),
      ),
    )
    .orderBy(asc(subscribers.id))
    .all()
    .map((r) => r.id);
}

export function getWebhookSubscriber(db: Tx, id: string) {
  return db
    .select()
    .from(subscribers)
    .where(and(eq(subscribers.id, id), eq(subscribers.kind, "webhook")))
    .get();
}

export function webhookByUrl(db: Tx, pageId: string, url: string) {
  return db
    .select()
    .from(subscribers)
    .where(and(eq(subscribers.pageId, pageId), eq(subscribers.kind, "webhook"), eq(subscribers.webhookUrl, url)))
    .get();
}

/**
 * The console list: every webhook not unsubscribed (active, or pending verification), newest first, with
 * its scope, last delivery and, while pending, how its latest verification ping went.
 */
export function listWebhooks(db: Db, pageId: string) {
  const rows = db
    .select({
      id: subscribers.id,
      url: subscribers.webhookUrl,
      email: subscribers.email,
      state: subscribers.state,
      allComponents: subscribers.allComponents,
      origin: subscribers.origin,
      failingSince: subscribers.webhookFailingSince,
      disabledAt: subscribers.webhookDisabledAt,
      createdAt: subscribers.createdAt,
      language: subscribers.language,
    })
    .from(subscribers)
    .where(
      and(
        eq(subscribers.pageId, pageId),
        eq(subscribers.kind, "webhook"),
        inArray(subscribers.state, ["active", "pending"]),
      ),
    )
    .orderBy(desc(subscribers.createdAt), asc(subscribers.id))
    .all();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const scopes = db
    .select({ subscriberId: subscriberComponents.subscriberId, componentId: subscriberComponents.componentId })
    .from(subscriberComponents)
    .where(inArray(subscriberComponents.subscriberId, ids))
    .all();
  const recent = recentWebhookDeliveries(db, ids, 10);
  return rows.map((r) => {
    const own = recent.filter((d) => d.subscriberId === r.id);
    const ping = r.state === "pending" ? own.find((d) => d.kind === "webhook_verification") : undefined;
    const verification = ping
      ? { state: ping.state, lastError: ping.lastError, nextAttemptAt: ping.nextAttemptAt }
      : null;
    return {
      ...r,
      componentIds: scopes.filter((s) => s.subscriberId === r.id).map((s) => s.componentId),
      lastDelivery: own[0] ?? null,
      deliveries: own,
      verification,
    };
  });
}
export type WebhookRow = ReturnType<typeof listWebhooks>[number];

/** The outbox key of a webhook POST: it starts with the subscriber, so a webhook's deliveries are a range of the unique index. */
export function webhookDeliveryKey(subscriberId: string, notificationId: string): string {
  return `webhook/${subscriberId}/${notificationId}`;
}

export function webhookDeliveriesRange(subscriberId: string) {
  return and(
    gte(deliveries.idempotencyKey, `webhook/${subscriberId}/`),
    lt(deliveries.idempotencyKey, `webhook/${subscriberId}0`),
  );
}

/** The latest `perWebhook` deliveries of each of these webhooks, newest first. */
export function recentWebhookDeliveries(db: Db, subscriberIds: string[], perWebhook: number) {
  return subscriberIds.flatMap((subscriberId) =>
    db
      .select({
        id: deliveries.id,
        kind: notifications.kind,
        state: deliveries.state,
        attempts: deliveries.attempts,
        lastStatusCode: deliveries.lastStatusCode,
        lastError: deliveries.lastError,
        nextAttemptAt: deliveries.nextAttemptAt,
        completedAt: deliveries.completedAt,
        createdAt: deliveries.createdAt,
        updatedAt: deliveries.updatedAt,
      })
      .from(deliveries)
      .innerJoin(notifications, eq(notifications.id, deliveries.notificationId))
      .where(webhookDeliveriesRange(subscriberId))
      .orderBy(desc(deliveries.createdAt), desc(deliveries.id))
      .limit(perWebhook)
      .all()
      .map((d) => ({ ...d, subscriberId })),
  );
}
