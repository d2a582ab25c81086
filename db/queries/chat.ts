// Reads about chat channels (subscribers of kind "chat") and their deliveries.
import { and, asc, desc, eq, gte, inArray, lt } from "drizzle-orm";
import type { Db, Tx } from "../index";
import { deliveries, notifications, subscriberComponents, subscribers } from "../schema";
import { endpointRecipientIds } from "./webhooks";

/** The live chat channels news about these components goes to (as for webhooks). */
export function chatRecipientIds(db: Tx, pageId: string, componentIds: readonly string[]): string[] {
  return endpointRecipientIds(db, pageId, "chat", componentIds);
}

export function getChatSubscriber(db: Tx, id: string) {
  return db
    .select()
    .from(subscribers)
    .where(and(eq(subscribers.id, id), eq(subscribers.kind, "chat")))
    .get();
}

export function chatByUrl(db: Tx, pageId: string, url: string) {
  return db
    .select()
    .from(subscribers)
    .where(and(eq(subscribers.pageId, pageId), eq(subscribers.kind, "chat"), eq(subscribers.webhookUrl, url)))
    .get();
}

/** The languages these channels read (one message is built per language at fan-out). */
export function chatLanguages(db: Tx, ids: readonly string[]): string[] {
  if (ids.length === 0) return [];
  return db
    .selectDistinct({ language: subscribers.language })
    .from(subscribers)
    .where(inArray(subscribers.id, [...ids]))
    .all()
    .map((r) => r.language);
}

/** The outbox key of a chat POST: it starts with the subscriber, so a channel's deliveries are a range of the unique index. */
export function chatDeliveryKey(subscriberId: string, notificationId: string): string {
  return `chat/${subscriberId}/${notificationId}`;
}

export function chatDeliveriesRange(subscriberId: string) {
  return and(
    gte(deliveries.idempotencyKey, `chat/${subscriberId}/`),
    lt(deliveries.idempotencyKey, `chat/${subscriberId}0`),
  );
}

/** The console list: every channel not unsubscribed, newest first, with its scope and latest deliveries. */
export function listChatChannels(db: Db, pageId: string, perChannel = 10) {
  const rows = db
    .select({
      id: subscribers.id,
      platform: subscribers.chatPlatform,
      url: subscribers.webhookUrl,
      email: subscribers.email,
      allComponents: subscribers.allComponents,
      origin: subscribers.origin,
      failingSince: subscribers.webhookFailingSince,
      disabledAt: subscribers.webhookDisabledAt,
      createdAt: subscribers.createdAt,
      language: subscribers.language,
    })
    .from(subscribers)
    .where(and(eq(subscribers.pageId, pageId), eq(subscribers.kind, "chat"), eq(subscribers.state, "active")))
    .orderBy(desc(subscribers.createdAt), asc(subscribers.id))
    .all();
  if (rows.length === 0) return [];
  const scopes = db
    .select({ subscriberId: subscriberComponents.subscriberId, componentId: subscriberComponents.componentId })
    .from(subscriberComponents)
    .where(
      inArray(
        subscriberComponents.subscriberId,
        rows.map((r) => r.id),
      ),
    )
    .all();
  return rows.map((r) => ({
    ...r,
    componentIds: scopes.filter((s) => s.subscriberId === r.id).map((s) => s.componentId),
    deliveries: db
      .select({
        id: deliveries.id,
        kind: notifications.kind,
        state: deliveries.state,
        attempts: deliveries.attempts,
        lastStatusCode: deliveries.lastStatusCode,
        lastError: deliveries.lastError,
        nextAttemptAt: deliveries.nextAttemptAt,
        createdAt: deliveries.createdAt,
      })
      .from(deliveries)
      .innerJoin(notifications, eq(notifications.id, deliveries.notificationId))
      .where(chatDeliveriesRange(r.id))
      .orderBy(desc(deliveries.createdAt), desc(deliveries.id))
      .limit(perChannel)
      .all(),
  }));
}
export type ChatChannelRow = ReturnType<typeof listChatChannels>[number];
