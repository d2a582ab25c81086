// Which webhooks a notification goes to, and the event they all receive (built once, stored with the
// notification, so every retry sends the same bytes). Email subscribers never get component_updated.
import { componentHiddenFromPublic, incidentHiddenFromPublic } from "@/db/queries/audience";
import type { Db } from "@/db";
import type { NotificationKind } from "@/db/constants";
import { getWebhookSubscriber, webhookRecipientIds } from "@/db/queries/webhooks";
import { affectedComponentIds } from "@/db/queries/public-api";
import type { Notification } from "@/db/schema";
import { apiContext } from "@/services/api/v2";
import type { ComponentStatusChange } from "@/db/writes/components";
import {
  componentChangeEvent,
  incidentObject,
  PING_MESSAGE,
  webhookEvent,
  type ComponentChangeEvent,
  type WebhookEvent,
} from "./payloads";

/** Incident and maintenance news, as Statuspage sends it (reminders are ours and email-only), and status changes. */
export const WEBHOOK_KINDS: ReadonlySet<NotificationKind> = new Set<NotificationKind>([
  "incident_created",
  "incident_updated",
  "incident_resolved",
  "postmortem_published",
  "maintenance_scheduled",
  "maintenance_rescheduled",
  "maintenance_cancelled",
  "maintenance_started",
  "maintenance_completed",
  "component_updated",
]);

export interface WebhookFanOut {
  subscriberIds: string[];
  event: WebhookEvent;
}

/**
 * The spec's component_update event of a recorded status change. Rows queued before the change was recorded
 * as plain data carry the built event (`payload.event`) instead; both give the same bytes.
 */
function componentUpdate(notification: Notification): ComponentChangeEvent | null {
  const recorded = notification.payload?.change as ComponentStatusChange | undefined;
  if (recorded) return componentChangeEvent(recorded.component, recorded);
  return (notification.payload?.event as ComponentChangeEvent | undefined) ?? null;
}

/** Null when no webhook is concerned (nothing is built then). */
export function webhookFanOut(
  db: Db,
  notification: Notification,
  publicUrl: string,
  now: number,
): WebhookFanOut | null {
  if (notification.kind === "webhook_verification") {
    // Only to the webhook it verifies, while that one still waits for it.
    const target = notification.subscriberId ? getWebhookSubscriber(db, notification.subscriberId) : undefined;
    if (target?.state !== "pending") return null;
    return {
      subscriberIds: [target.id],
      event: webhookEvent(db, notification.pageId, { ping: { message: PING_MESSAGE } }, now),
    };
  }
  if (!WEBHOOK_KINDS.has(notification.kind)) return null;
  if (notification.kind === "component_updated") {
    const change = componentUpdate(notification);
    if (!change) return null;
    // Webhook subscribers are public: an internal service's changes are not theirs to hear.
    if (componentHiddenFromPublic(db, notification.pageId, change.component.id)) return null;
    const subscriberIds = webhookRecipientIds(db, notification.pageId, [change.component.id]);
    return subscriberIds.length ? { subscriberIds, event: webhookEvent(db, notification.pageId, change, now) } : null;
  }
  if (!notification.incidentId) return null;
  if (incidentHiddenFromPublic(db, notification.pageId, notification.incidentId)) return null;
  const subscriberIds = webhookRecipientIds(db, notification.pageId, affectedComponentIds(db, notification.incidentId));
  if (subscriberIds.length === 0) return null;
  const ctx = apiContext(db, publicUrl);
  const incident = ctx ? incidentObject(db, ctx, notification.incidentId) : null;
  if (!incident) return null;
  return { subscriberIds, event: webhookEvent(db, notification.pageId, { incident }, now) };
}
