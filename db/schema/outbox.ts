// Notifications and the outbox that delivers them: deliveries, rendered emails, processed Resend webhooks.
import { relations } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { DELIVERY_CHANNELS, DELIVERY_STATES, EMAIL_MESSAGE_STATES, NOTIFICATION_KINDS } from "../constants";
import { id, ms, createdAt, updatedAt } from "./columns";
import { incidents, incidentUpdates } from "./incidents";
import { pages } from "./page";
import { subscribers } from "./subscribers";

/** One thing to tell people about. Written in the same transaction as the change that causes it. */
export const notifications = sqliteTable(
  "notifications",
  {
    id: id(),
    pageId: text("page_id")
      .notNull()
      .references(() => pages.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: NOTIFICATION_KINDS }).notNull(),
    incidentId: text("incident_id").references(() => incidents.id, { onDelete: "cascade" }),
    incidentUpdateId: text("incident_update_id").references(() => incidentUpdates.id, { onDelete: "cascade" }),
    /** For messages to one person (confirmation, manage link, webhook disabled). */
    subscriberId: text("subscriber_id").references(() => subscribers.id, { onDelete: "cascade" }),
    /** Extra data the message needs that is not in the rows above (e.g. an invitation link). */
    payload: text("payload", { mode: "json" }).$type<Record<string, unknown>>(),
    /** Set once the recipients were chosen and written to deliveries; the fan-out happens exactly once. */
    fannedOutAt: ms("fanned_out_at"),
    createdAt: createdAt(),
  },
  (t) => [index("notifications_fanout_idx").on(t.fannedOutAt, t.createdAt)],
);

/**
 * The outbox: one row per chunk of recipients (up to 100 emails: one Resend batch call) or per webhook POST.
 * The idempotency key is derived from the notification and chunk number, so a retry can never send twice.
 */
export const deliveries = sqliteTable(
  "deliveries",
  {
    id: id(),
    notificationId: text("notification_id")
      .notNull()
      .references(() => notifications.id, { onDelete: "cascade" }),
    channel: text("channel", { enum: DELIVERY_CHANNELS }).notNull(),
    chunk: integer("chunk").notNull(),
    /** JSON array of subscriber ids (or, for a message to a non-subscriber, addresses). */
    recipients: text("recipients", { mode: "json" }).$type<string[]>().notNull(),
    idempotencyKey: text("idempotency_key").notNull(),
    state: text("state", { enum: DELIVERY_STATES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: ms("next_attempt_at").notNull(),
    /** A worker's claim: nobody else takes the row until lockedUntil passes. */
    lockedBy: text("locked_by"),
    lockedUntil: ms("locked_until"),
    lastError: text("last_error"),
    lastStatusCode: integer("last_status_code"),
    completedAt: ms("completed_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("deliveries_idempotency_key_unique").on(t.idempotencyKey),
    index("deliveries_due_idx").on(t.state, t.nextAttemptAt),
    index("deliveries_notification_idx").on(t.notificationId),
    // A lane claims only its own channel's due rows (services/notifications/lanes.ts).
    index("deliveries_channel_due_idx").on(t.channel, t.state, t.nextAttemptAt),
  ],
);

/**
 * Every email, rendered: the local outbox the console shows when no Resend key is set, and the delivery
 * state per recipient (updated by Resend's webhooks) when one is.
 */
export const emailMessages = sqliteTable(
  "email_messages",
  {
    id: id(),
    deliveryId: text("delivery_id").references(() => deliveries.id, { onDelete: "cascade" }),
    subscriberId: text("subscriber_id").references(() => subscribers.id, { onDelete: "set null" }),
    toAddress: text("to_address").notNull(),
    fromAddress: text("from_address").notNull(),
    subject: text("subject").notNull(),
    html: text("html").notNull(),
    text: text("text").notNull(),
    headers: text("headers", { mode: "json" }).$type<Record<string, string>>().notNull(),
    state: text("state", { enum: EMAIL_MESSAGE_STATES }).notNull().default("queued"),
    /** Resend's email id. */
    providerId: text("provider_id"),
    lastEventAt: ms("last_event_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("email_messages_created_idx").on(t.createdAt),
    index("email_messages_provider_idx").on(t.providerId),
    index("email_messages_delivery_idx").on(t.deliveryId),
  ],
);

/** Resend webhook deliveries already processed, by svix-id: redeliveries are ignored. */
export const inboundWebhookEvents = sqliteTable("inbound_webhook_events", {
  id: text("id").primaryKey(),
  type: text("type").notNull(),
  receivedAt: ms("received_at").notNull(),
});

export const notificationsRelations = relations(notifications, ({ many }) => ({
  deliveries: many(deliveries),
}));

export const deliveriesRelations = relations(deliveries, ({ one, many }) => ({
  notification: one(notifications, { fields: [deliveries.notificationId], references: [notifications.id] }),
  messages: many(emailMessages),
}));

export const emailMessagesRelations = relations(emailMessages, ({ one }) => ({
  delivery: one(deliveries, { fields: [emailMessages.deliveryId], references: [deliveries.id] }),
}));

export type Notification = typeof notifications.$inferSelect;
export type Delivery = typeof deliveries.$inferSelect;
export type EmailMessage = typeof emailMessages.$inferSelect;
