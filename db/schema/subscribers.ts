// Subscribers of every kind (email, webhook, chat, SMS) and the services each follows.
import { relations, sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { LOCALES } from "@/core/i18n/locales";
import { SUBSCRIBER_KINDS, SUBSCRIBER_STATES, CHAT_PLATFORMS, AUDIENCES } from "../constants";
import { id, ms, flag, createdAt, updatedAt } from "./columns";
import { components } from "./components";
import { incidents } from "./incidents";
import { pages } from "./page";

export const subscribers = sqliteTable(
  "subscribers",
  {
    id: id(),
    pageId: text("page_id")
      .notNull()
      .references(() => pages.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: SUBSCRIBER_KINDS }).notNull(),
    /** Lower-cased. For a webhook subscriber, the optional owner to tell when it is disabled. */
    email: text("email"),
    webhookUrl: text("webhook_url"),
    /**
     * The HMAC key webhook payloads are signed with. It must be usable to sign, so it cannot be hashed;
     * it is shown to the subscriber once and never displayed again.
     */
    webhookSecret: text("webhook_secret"),
    /** A chat subscriber's platform; its incoming-webhook URL is in webhookUrl (services/chat/). */
    chatPlatform: text("chat_platform", { enum: CHAT_PLATFORMS }),
    state: text("state", { enum: SUBSCRIBER_STATES }).notNull().default("pending"),
    /** Everything, or only the components in subscriber_components. */
    allComponents: flag("all_components").notNull().default(true),
    /** Hash of the single-use confirmation token sent by email. */
    confirmTokenHash: text("confirm_token_hash"),
    confirmationSentAt: ms("confirmation_sent_at"),
    confirmationExpiresAt: ms("confirmation_expires_at"),
    confirmedAt: ms("confirmed_at"),
    /** Manage/unsubscribe links are signed with the app secret and this version; raising it revokes them. */
    tokenVersion: integer("token_version").notNull().default(1),
    pausedAt: ms("paused_at"),
    unsubscribedAt: ms("unsubscribed_at"),
    suppressedAt: ms("suppressed_at"),
    suppressionReason: text("suppression_reason"),
    webhookFailingSince: ms("webhook_failing_since"),
    webhookDisabledAt: ms("webhook_disabled_at"),
    /**
     * The circuit breaker of an endpoint (a webhook; later a chat channel): failed sends in a row, and while
     * it is open, until when its deliveries wait without being tried (services/notifications/circuit-breaker.ts).
     */
    circuitFailures: integer("circuit_failures").notNull().default(0),
    circuitOpenUntil: ms("circuit_open_until"),
    /** How the subscriber was added: "public", "console", "import", "api". */
    origin: text("origin").notNull().default("public"),
    /**
     * Set for someone following one incident ("Get updates on this incident"): they receive that incident's
     * notifications only, and the follow ends after its resolution (or its postmortem, when followPostmortem).
     */
    followIncidentId: text("follow_incident_id").references(() => incidents.id, { onDelete: "cascade" }),
    followPostmortem: flag("follow_postmortem").notNull().default(false),
    /**
     * internal: signed up from the internal page (a viewer, or an allowed network), so it also hears of
     * internal incidents and maintenance; public subscribers never do (issue #15).
     */
    audience: text("audience", { enum: AUDIENCES }).notNull().default("public"),
    /**
     * When the follow ended (the closing notification's fan-out): no later notification chooses it; once that
     * last one is delivered, the housekeeping unsubscribes it (db/writes/follows.ts).
     */
    followEndedAt: ms("follow_ended_at"),
    /** An SMS subscriber's number, E.164 (core/phone.ts). */
    phone: text("phone"),
    /**
     * SMS is for what matters: by default only incidents of major or critical impact and maintenance
     * reminders; the subscriber can widen it to every incident notification.
     */
    smsAllImpacts: flag("sms_all_impacts").notNull().default(false),
    /**
     * The language the subscriber's emails, chat and SMS messages and manage page use (core/i18n/locales.ts):
     * the one they subscribed in, changeable on the manage page.
     */
    language: text("language", { enum: LOCALES }).notNull().default("en"),
    /** An email subscriber who chose the monthly "this month in IT" email on the manage page. */
    monthlyReport: flag("monthly_report").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // One page subscription per address, and one follow per address and incident.
    uniqueIndex("subscribers_email_unique")
      .on(t.pageId, t.email)
      .where(sql`kind = 'email' and follow_incident_id is null`),
    uniqueIndex("subscribers_follow_unique")
      .on(t.pageId, t.email, t.followIncidentId)
      .where(sql`kind = 'email' and follow_incident_id is not null`),
    index("subscribers_follow_idx").on(t.followIncidentId),
    // One page subscription per number, and one follow per number and incident (as for email).
    uniqueIndex("subscribers_phone_unique")
      .on(t.pageId, t.phone)
      .where(sql`kind = 'sms' and follow_incident_id is null`),
    uniqueIndex("subscribers_sms_follow_unique")
      .on(t.pageId, t.phone, t.followIncidentId)
      .where(sql`kind = 'sms' and follow_incident_id is not null`),
    uniqueIndex("subscribers_webhook_unique")
      .on(t.pageId, t.webhookUrl)
      .where(sql`kind = 'webhook'`),
    uniqueIndex("subscribers_chat_unique")
      .on(t.pageId, t.webhookUrl)
      .where(sql`kind = 'chat'`),
    index("subscribers_state_idx").on(t.pageId, t.state),
  ],
);

export const subscriberComponents = sqliteTable(
  "subscriber_components",
  {
    subscriberId: text("subscriber_id")
      .notNull()
      .references(() => subscribers.id, { onDelete: "cascade" }),
    componentId: text("component_id")
      .notNull()
      .references(() => components.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.subscriberId, t.componentId] }),
    index("subscriber_components_component_idx").on(t.componentId),
  ],
);

export const subscribersRelations = relations(subscribers, ({ many }) => ({
  components: many(subscriberComponents),
}));

export const subscriberComponentsRelations = relations(subscriberComponents, ({ one }) => ({
  subscriber: one(subscribers, { fields: [subscriberComponents.subscriberId], references: [subscribers.id] }),
  component: one(components, { fields: [subscriberComponents.componentId], references: [components.id] }),
}));

export type Subscriber = typeof subscribers.$inferSelect;
