// The notification outbox. A change writes its notification in its own transaction (enqueueNotification);
// the fan-out turns it into deliveries exactly once; workers claim deliveries with a lease
// (outbox-claim.ts) and record the outcome (outbox-results.ts); an email delivery's messages are stored as
// rendered (outbox-emails.ts). No function here talks to the network: sending happens between these calls,
// outside transactions.
import { and, eq, isNull } from "drizzle-orm";
import type { NotificationKind } from "@/db/constants";
import { newId } from "@/core/ids";
import type { Db, Tx } from "../index";
import { chatDeliveryKey } from "../queries/chat";
import { webhookDeliveryKey } from "../queries/webhooks";
import { deliveries, incidentUpdates, notifications } from "../schema";

export interface NewNotification {
  pageId: string;
  kind: NotificationKind;
  at: number;
  incidentId?: string | null;
  incidentUpdateId?: string | null;
  /** For a message to one person (confirmation, manage link). */
  subscriberId?: string | null;
  payload?: Record<string, unknown> | null;
}

/**
 * Writes a notification to the outbox. Call it inside the transaction that makes the change, so the change
 * and its notification commit (or roll back) together. Constant time: recipients are chosen later.
 */
export function enqueueNotification(tx: Tx, input: NewNotification): string {
  const id = newId();
  tx.insert(notifications)
    .values({
      id,
      pageId: input.pageId,
      kind: input.kind,
      incidentId: input.incidentId ?? null,
      incidentUpdateId: input.incidentUpdateId ?? null,
      subscriberId: input.subscriberId ?? null,
      payload: input.payload ?? null,
      createdAt: input.at,
    })
    .run();
  if (input.incidentUpdateId) {
    tx.update(incidentUpdates)
      .set({ notifiedAt: input.at })
      .where(eq(incidentUpdates.id, input.incidentUpdateId))
      .run();
  }
  return id;
}

export function notificationsToFanOut(db: Db, limit = 20) {
  return db
    .select()
    .from(notifications)
    .where(isNull(notifications.fannedOutAt))
    .orderBy(notifications.createdAt)
    .limit(limit)
    .all();
}

/**
 * Writes the deliveries of a notification: chunks in the given order, keys `notification/<id>/chunk/<n>`.
 * Marks the notification fanned out in the same transaction; returns false (writing nothing) when another
 * worker already did.
 */
export function writeFanOut(
  db: Db,
  notificationId: string,
  chunks: string[][],
  at: number,
  webhooks: { subscriberIds: string[]; event: unknown } | null = null,
  /** Chat channels, and the platform-neutral message they all get (services/chat/message.ts). */
  chat: { subscriberIds: string[]; message: unknown } | null = null,
  /** More writes that belong with this fan-out (e.g. ending an incident's follows), in its transaction. */
  alsoInTransaction?: (tx: Tx) => void,
): boolean {
  return db.transaction((tx) => {
    const claimed = tx
      .update(notifications)
      .set({ fannedOutAt: at })
      .where(and(eq(notifications.id, notificationId), isNull(notifications.fannedOutAt)))
      .run();
    if (claimed.changes === 0) return false;
    alsoInTransaction?.(tx);
    if (chunks.length > 0) {
      tx.insert(deliveries)
        .values(
          chunks.map((recipients, chunk) => ({
            id: newId(),
            notificationId,
            channel: "email" as const,
            chunk,
            recipients,
            idempotencyKey: `notification/${notificationId}/chunk/${chunk}`,
            nextAttemptAt: at,
            createdAt: at,
            updatedAt: at,
          })),
        )
        .run();
    }
    if (webhooks && webhooks.subscriberIds.length > 0)
      writeEndpointFanOut(tx, notificationId, "webhook", webhooks.subscriberIds, webhooks.event, at);
    if (chat && chat.subscriberIds.length > 0)
      writeEndpointFanOut(tx, notificationId, "chat", chat.subscriberIds, chat.message, at);
    return true;
  });
}

const ENDPOINT_KEYS = { webhook: webhookDeliveryKey, chat: chatDeliveryKey };

/**
 * One delivery per POST (a webhook or a chat channel), keyed by subscriber (webhookDeliveryKey,
 * chatDeliveryKey), and what they all send, stored with the notification (payload.webhook, payload.chat)
 * so a retry sends the same body.
 */
function writeEndpointFanOut(
  tx: Tx,
  notificationId: string,
  channel: "webhook" | "chat",
  subscriberIds: string[],
  event: unknown,
  at: number,
): void {
  const current = tx
    .select({ payload: notifications.payload })
    .from(notifications)
    .where(eq(notifications.id, notificationId))
    .get();
  tx.update(notifications)
    .set({ payload: { ...current?.payload, [channel]: event } })
    .where(eq(notifications.id, notificationId))
    .run();
  tx.insert(deliveries)
    .values(
      subscriberIds.map((subscriberId, chunk) => ({
        id: newId(),
        notificationId,
        channel,
        chunk,
        recipients: [subscriberId],
        idempotencyKey: ENDPOINT_KEYS[channel](subscriberId, notificationId),
        nextAttemptAt: at,
        createdAt: at,
        updatedAt: at,
      })),
    )
    .run();
}
