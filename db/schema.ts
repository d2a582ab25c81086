// The whole data model. Tables first, then relations, then inferred types.
// Conventions: snake_case columns, camelCase fields, every timestamp an integer of epoch milliseconds,
// public ids are 12-character lowercase base-36 strings (core/ids.ts).
import { relations, sql } from "drizzle-orm";
import { blob, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { LOCALES } from "@/core/i18n/locales";
import {
  API_KEY_ROLES,
  AUDIT_ACTOR_TYPES,
  AUTO_INCIDENT_STATES,
  CHECK_OUTCOMES,
  CLAIM_SOURCES,
  INCIDENT_MODES,
  INTEGRATION_KINDS,
  PAYLOAD_OUTCOMES,
  REPORT_PROBLEMS,
  REPORT_STATES,
  MONITOR_FAILURE_STATUSES,
  MONITOR_KINDS,
  MONITOR_STATES,
  ALL_INCIDENT_STATUSES,
  COMPONENT_STATUSES,
  DELIVERY_CHANNELS,
  DELIVERY_STATES,
  EMAIL_MESSAGE_STATES,
  IMPACTS,
  INCIDENT_KINDS,
  NOTIFICATION_KINDS,
  STATUS_SOURCES,
  SUBSCRIBER_KINDS,
  SUBSCRIBER_STATES,
  USER_ROLES,
  PAGE_VISIBILITIES,
  ITEM_VISIBILITIES,
  VIEWER_METHODS,
  CHAT_PLATFORMS,
  AUDIENCES,
} from "./constants";

const id = () => text("id").primaryKey();
const ms = (name: string) => integer(name);
const flag = (name: string) => integer(name, { mode: "boolean" });
const createdAt = () => ms("created_at").notNull();
const updatedAt = () => ms("updated_at").notNull();

// ---------------------------------------------------------------- the page

export const pages = sqliteTable("pages", {
  id: id(),
  name: text("name").notNull(),
  /** Public URL of the page; null means "use PUBLIC_URL from the configuration". */
  url: text("url"),
  timeZone: text("time_zone").notNull().default("Etc/UTC"),
  logoAssetId: text("logo_asset_id").references(() => assets.id, { onDelete: "set null" }),
  accentColor: text("accent_color").notNull().default("#2563eb"),
  supportUrl: text("support_url"),
  footerText: text("footer_text"),
  aboutText: text("about_text"),
  /** Owners can require two-factor sign-in for every member. */
  requireTwoFactor: flag("require_two_factor").notNull().default(false),
  /** An unresolved incident with no update for this long is flagged in the console. */
  staleIncidentMinutes: integer("stale_incident_minutes").notNull().default(60),
  /** A spike of visitor reports: this many about one service within reportSpikeMinutes. */
  reportSpikeThreshold: integer("report_spike_threshold").notNull().default(5),
  reportSpikeMinutes: integer("report_spike_minutes").notNull().default(10),
  /** public, private (viewers only) or mixed (internal services for viewers only); core/audience.ts. */
  visibility: text("visibility", { enum: PAGE_VISIBILITIES }).notNull().default("public"),
  /** Email domains whose addresses may sign in as viewers by link, one per line; null: none. */
  viewerEmailDomains: text("viewer_email_domains"),
  /** CIDR ranges that see the internal page without signing in, one per line; null: none. */
  viewerIpAllowlist: text("viewer_ip_allowlist"),
  /** The language of the unprefixed public URLs (core/i18n/locales.ts); other languages live under /<locale>/. */
  defaultLocale: text("default_locale").notNull().default("en"),
  /** The service report at /report for the public audience; off: 404 there, console only. */
  publicReport: flag("public_report").notNull().default(false),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** Uploaded files (the page logo). Stored in the database so a backup is one file. */
export const assets = sqliteTable("assets", {
  id: id(),
  contentType: text("content_type").notNull(),
  bytes: blob("bytes", { mode: "buffer" }).notNull(),
  size: integer("size").notNull(),
  sha256: text("sha256").notNull(),
  createdAt: createdAt(),
});

/** Small internal key/value state: the app's signing secret, seed markers. Never shown publicly. */
export const appState = sqliteTable("app_state", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedAt: updatedAt(),
});

/**
 * One row (id 1) whose version every insert, update and delete on a public table raises, in the same
 * transaction, by SQLite triggers (the public_content_version migration; the list is PUBLIC_TABLES in
 * db/change-watcher.ts). The page cache serves a copy only while this number is the one it was rendered at,
 * whichever process or connection made the change.
 */
export const publicContentVersion = sqliteTable("public_content_version", {
  id: integer("id").primaryKey(),
  version: integer("version").notNull(),
});

// ---------------------------------------------------------------- components

export const componentGroups = sqliteTable(
  "component_groups",
  {
    id: id(),
    pageId: text("page_id")
      .notNull()
      .references(() => pages.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description"),
    /** 1-based, shared with the ungrouped components: both are top-level rows of the page. */
    position: integer("position").notNull(),
    /** On a mixed page, internal groups (and every service in them) are for viewers only. */
    visibility: text("visibility", { enum: ITEM_VISIBILITIES }).notNull().default("public"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("component_groups_page_position_idx").on(t.pageId, t.position)],
);

export const components = sqliteTable(
  "components",
  {
    id: id(),
    pageId: text("page_id")
      .notNull()
      .references(() => pages.id, { onDelete: "cascade" }),
    groupId: text("group_id").references(() => componentGroups.id, { onDelete: "set null" }),
    name: text("name").notNull(),
    description: text("description"),
    /** 1-based within its group, or among the top-level rows when ungrouped. */
    position: integer("position").notNull(),
    /** Show uptime bars for this component. */
    showcase: flag("showcase").notNull().default(true),
    onlyShowIfDegraded: flag("only_show_if_degraded").notNull().default(false),
    /** Show a small response-time chart on the public page, from the roll-ups of the service's monitors. */
    showResponseTime: flag("show_response_time").notNull().default(false),
    /** "YYYY-MM-DD"; days before it show as "no data" in the uptime bars. */
    startDate: text("start_date"),
    /**
     * The current status: a cache of the newest row of component_status_changes for this component,
     * written in the same transaction as that row (db/writes/component-status.ts), never on its own.
     */
    status: text("status", { enum: COMPONENT_STATUSES }).notNull().default("operational"),
    /** On a mixed page, internal services are for viewers only (core/audience.ts). */
    visibility: text("visibility", { enum: ITEM_VISIBILITIES }).notNull().default("public"),
    /** Availability target in percent (0 < t <= 100) the service report measures against. */
    availabilityTarget: real("availability_target").notNull().default(99.9),
    /** Soft delete: past incidents keep naming the component. */
    deletedAt: ms("deleted_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("components_page_group_position_idx").on(t.pageId, t.groupId, t.position),
    index("components_group_idx").on(t.groupId),
  ],
);

/** Every change of a component's status. Uptime and "what happened when" are derived from these rows. */
export const componentStatusChanges = sqliteTable(
  "component_status_changes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    componentId: text("component_id")
      .notNull()
      .references(() => components.id, { onDelete: "cascade" }),
    status: text("status", { enum: COMPONENT_STATUSES }).notNull(),
    previousStatus: text("previous_status", { enum: COMPONENT_STATUSES }),
    /** When the component entered this status; it lasts until the next row of the same component. */
    at: ms("at").notNull(),
    source: text("source", { enum: STATUS_SOURCES }).notNull(),
    incidentId: text("incident_id").references(() => incidents.id, { onDelete: "set null" }),
    userId: text("user_id").references(() => users.id, { onDelete: "set null" }),
    apiKeyId: text("api_key_id").references(() => apiKeys.id, { onDelete: "set null" }),
    /** For source "automation": which kind of claimant made the change, and its id (a monitor or an integration). */
    claimSource: text("claim_source", { enum: CLAIM_SOURCES }),
    claimSourceId: text("claim_source_id"),
  },
  (t) => [
    index("component_status_changes_component_at_idx").on(t.componentId, t.at),
    index("component_status_changes_at_idx").on(t.at),
  ],
);

// ---------------------------------------------------------------- incidents and maintenances

/** Incidents and scheduled maintenances share one table, as they share one shape in the Statuspage API. */
export const incidents = sqliteTable(
  "incidents",
  {
    id: id(),
    pageId: text("page_id")
      .notNull()
      .references(() => pages.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: INCIDENT_KINDS }).notNull(),
    name: text("name").notNull(),
    /** Cache of the newest update's status, written in the same transaction as that update. */
    status: text("status", { enum: ALL_INCIDENT_STATUSES }).notNull(),
    /** Derived from the affected components' statuses unless impactOverride is set; "maintenance" for maintenances. */
    impact: text("impact", { enum: [...IMPACTS, "maintenance"] }).notNull(),
    impactOverride: text("impact_override", { enum: IMPACTS }),
    /** Found after the fact: entered with a start in the past, never notifies. */
    backfilled: flag("backfilled").notNull().default(false),
    startedAt: ms("started_at").notNull(),
    identifiedAt: ms("identified_at"),
    monitoringAt: ms("monitoring_at"),
    resolvedAt: ms("resolved_at"),
    // maintenance window and automation
    scheduledFor: ms("scheduled_for"),
    scheduledUntil: ms("scheduled_until"),
    autoStart: flag("auto_start").notNull().default(false),
    autoComplete: flag("auto_complete").notNull().default(false),
    /** Minutes before scheduledFor to remind subscribers; null for no reminder. */
    remindBeforeMinutes: integer("remind_before_minutes"),
    /** Put the affected components under maintenance while the window is open. */
    setComponentsUnderMaintenance: flag("set_components_under_maintenance").notNull().default(true),
    reminderQueuedAt: ms("reminder_queued_at"),
    cancelledAt: ms("cancelled_at"),
    /** Raised on every reschedule: the iCalendar SEQUENCE. */
    sequence: integer("sequence").notNull().default(0),
    recurrenceId: text("recurrence_id").references(() => maintenanceRecurrences.id, { onDelete: "set null" }),
    // postmortem
    postmortemBody: text("postmortem_body"),
    postmortemPublishedAt: ms("postmortem_published_at"),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("incidents_page_kind_created_idx").on(t.pageId, t.kind, t.createdAt),
    index("incidents_kind_status_idx").on(t.kind, t.status),
    index("incidents_started_idx").on(t.startedAt),
    index("incidents_scheduled_for_idx").on(t.scheduledFor),
  ],
);

export const incidentUpdates = sqliteTable(
  "incident_updates",
  {
    id: id(),
    incidentId: text("incident_id")
      .notNull()
      .references(() => incidents.id, { onDelete: "cascade" }),
    status: text("status", { enum: ALL_INCIDENT_STATUSES }).notNull(),
    /** Markdown, sanitised when rendered. */
    body: text("body").notNull(),
    displayAt: ms("display_at").notNull(),
    deliverNotifications: flag("deliver_notifications").notNull().default(true),
    /** When the notification for this update was written to the outbox. */
    notifiedAt: ms("notified_at"),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    apiKeyId: text("api_key_id").references(() => apiKeys.id, { onDelete: "set null" }),
    editedAt: ms("edited_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("incident_updates_incident_display_idx").on(t.incidentId, t.displayAt)],
);

/** Each affected component's old and new status, per update (the API's affected_components). */
export const incidentUpdateComponents = sqliteTable(
  "incident_update_components",
  {
    updateId: text("update_id")
      .notNull()
      .references(() => incidentUpdates.id, { onDelete: "cascade" }),
    componentId: text("component_id")
      .notNull()
      .references(() => components.id, { onDelete: "cascade" }),
    /** The component's name when the update was posted, so the timeline reads the same after a rename. */
    componentName: text("component_name").notNull(),
    oldStatus: text("old_status", { enum: COMPONENT_STATUSES }).notNull(),
    newStatus: text("new_status", { enum: COMPONENT_STATUSES }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.updateId, t.componentId] })],
);

/** The components an incident or maintenance affects. */
export const incidentComponents = sqliteTable(
  "incident_components",
  {
    incidentId: text("incident_id")
      .notNull()
      .references(() => incidents.id, { onDelete: "cascade" }),
    componentId: text("component_id")
      .notNull()
      .references(() => components.id, { onDelete: "cascade" }),
    /** The status before a maintenance window put it under maintenance; restored when the window ends. */
    statusBefore: text("status_before", { enum: COMPONENT_STATUSES }),
  },
  (t) => [
    primaryKey({ columns: [t.incidentId, t.componentId] }),
    index("incident_components_component_idx").on(t.componentId),
  ],
);

export const incidentTemplates = sqliteTable("incident_templates", {
  id: id(),
  pageId: text("page_id")
    .notNull()
    .references(() => pages.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  title: text("title").notNull(),
  body: text("body").notNull(),
  status: text("status", { enum: ALL_INCIDENT_STATUSES }).notNull().default("investigating"),
  /** JSON array of component ids to preselect. */
  componentIds: text("component_ids", { mode: "json" })
    .$type<string[]>()
    .notNull()
    .default(sql`'[]'`),
  /** The status the template's components are preset to. */
  componentStatus: text("component_status", { enum: COMPONENT_STATUSES }).notNull().default("partial_outage"),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** A rule that creates the next occurrences of a maintenance ahead of time. */
export const maintenanceRecurrences = sqliteTable("maintenance_recurrences", {
  id: id(),
  pageId: text("page_id")
    .notNull()
    .references(() => pages.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  body: text("body").notNull(),
  /** An RFC 5545 RRULE subset (FREQ=WEEKLY;BYDAY=SU, FREQ=MONTHLY;BYDAY=1TU), read in timeZone. */
  rule: text("rule").notNull(),
  /** Local start time "HH:MM" in timeZone. */
  startTime: text("start_time").notNull(),
  durationMinutes: integer("duration_minutes").notNull(),
  timeZone: text("time_zone").notNull(),
  componentIds: text("component_ids", { mode: "json" })
    .$type<string[]>()
    .notNull()
    .default(sql`'[]'`),
  remindBeforeMinutes: integer("remind_before_minutes"),
  autoStart: flag("auto_start").notNull().default(true),
  autoComplete: flag("auto_complete").notNull().default(true),
  /** Occurrences exist up to this time. */
  generatedUntil: ms("generated_until"),
  active: flag("active").notNull().default(true),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

// ---------------------------------------------------------------- subscribers

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

// ---------------------------------------------------------------- notifications

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

// ---------------------------------------------------------------- people and access

export const users = sqliteTable(
  "users",
  {
    id: id(),
    /** Lower-cased. */
    email: text("email").notNull(),
    name: text("name").notNull().default(""),
    /** scrypt, in the self-describing form services/password.ts writes. */
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: USER_ROLES }).notNull(),
    /** Base32 TOTP secret; it must be readable to verify codes, so it is not hashed. */
    totpSecret: text("totp_secret"),
    totpEnabledAt: ms("totp_enabled_at"),
    /** The 30-second step of the last code accepted at sign-in: a code is good once, not for its whole window. */
    totpLastStep: integer("totp_last_step"),
    passwordChangedAt: ms("password_changed_at").notNull(),
    /** Opted in to an email the moment a monitor goes down (team alerts, not subscriber notifications). */
    notifyOnMonitorDown: flag("notify_on_monitor_down").notNull().default(false),
    /** Opted in to an email when visitor reports about one service spike. */
    notifyOnReportSpike: flag("notify_on_report_spike").notNull().default(false),
    /** Opted in to an email when a static-copy target fails for more than 5 minutes, and when it recovers. */
    notifyOnPublishFailure: flag("notify_on_publish_failure").notNull().default(false),
    /** Opted in to the monthly "this month in IT" email (the service report's headline figures). */
    monthlyReportEmail: flag("monthly_report_email").notNull().default(false),
    lastSignInAt: ms("last_sign_in_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("users_email_unique").on(t.email)],
);

export const recoveryCodes = sqliteTable(
  "recovery_codes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: ms("used_at"),
    createdAt: createdAt(),
  },
  (t) => [index("recovery_codes_user_idx").on(t.userId)],
);

/** Server-side sessions. The cookie holds a random token; only its SHA-256 is stored. */
export const sessions = sqliteTable(
  "sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** Signed in with the password but still owing a two-factor code. */
    pendingTwoFactor: flag("pending_two_factor").notNull().default(false),
    createdAt: createdAt(),
    lastSeenAt: ms("last_seen_at").notNull(),
    /** Absolute expiry; idle expiry is lastSeenAt plus the idle timeout. */
    expiresAt: ms("expires_at").notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user_idx").on(t.userId), index("sessions_expires_idx").on(t.expiresAt)],
);

export const invitations = sqliteTable(
  "invitations",
  {
    id: id(),
    email: text("email").notNull(),
    role: text("role", { enum: USER_ROLES }).notNull(),
    tokenHash: text("token_hash").notNull(),
    invitedBy: text("invited_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: ms("expires_at").notNull(),
    acceptedAt: ms("accepted_at"),
    revokedAt: ms("revoked_at"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("invitations_token_unique").on(t.tokenHash)],
);

/**
 * A password reset asked for on /login. The link's token is derived from the id (services/notifications/tokens.ts)
 * and only its hash is kept; it works once (usedAt) and until expiresAt.
 */
export const passwordResets = sqliteTable(
  "password_resets",
  {
    id: id(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    expiresAt: ms("expires_at").notNull(),
    usedAt: ms("used_at"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("password_resets_token_unique").on(t.tokenHash), index("password_resets_user_idx").on(t.userId)],
);

export const apiKeys = sqliteTable(
  "api_keys",
  {
    id: id(),
    name: text("name").notNull(),
    role: text("role", { enum: API_KEY_ROLES }).notNull(),
    /** SHA-256 of the key; the key itself is shown once. */
    keyHash: text("key_hash").notNull(),
    /** The first characters of the key, to recognise it in the console. */
    prefix: text("prefix").notNull(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    lastUsedAt: ms("last_used_at"),
    revokedAt: ms("revoked_at"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("api_keys_key_hash_unique").on(t.keyHash)],
);

/** Who did what and when. Never holds passwords, tokens or keys. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: ms("at").notNull(),
    actorType: text("actor_type", { enum: AUDIT_ACTOR_TYPES }).notNull(),
    actorId: text("actor_id"),
    /** The actor's email or key name at the time, so the log reads the same after a deletion. */
    actorLabel: text("actor_label").notNull(),
    /** Dotted verb, e.g. "auth.sign_in_failed", "component.update". */
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    detail: text("detail", { mode: "json" }).$type<Record<string, unknown>>(),
    ip: text("ip"),
  },
  (t) => [index("audit_log_at_idx").on(t.at), index("audit_log_action_idx").on(t.action, t.at)],
);

/** Fixed-window counters for rate limits (sign-in, subscribe, API keys); they survive restarts. */
export const rateLimits = sqliteTable(
  "rate_limits",
  {
    key: text("key").primaryKey(),
    windowStart: ms("window_start").notNull(),
    count: integer("count").notNull(),
    /** Growing lock-out after repeated failures. */
    blockedUntil: ms("blocked_until"),
    failures: integer("failures").notNull().default(0),
  },
  (t) => [index("rate_limits_window_idx").on(t.windowStart)],
);

// ---------------------------------------------------------------- viewers (issue #15)

/** Viewer sessions: people who may see the internal page. Not team members; separate from `sessions`. */
export const viewerSessions = sqliteTable(
  "viewer_sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    email: text("email").notNull(),
    method: text("method", { enum: VIEWER_METHODS }).notNull(),
    createdAt: createdAt(),
    lastSeenAt: ms("last_seen_at").notNull(),
    /** Absolute expiry; idle expiry is lastSeenAt plus the viewer idle timeout. */
    expiresAt: ms("expires_at").notNull(),
  },
  (t) => [index("viewer_sessions_expires_idx").on(t.expiresAt)],
);

/** Single-use sign-in links emailed to viewers; only the token's SHA-256 is kept. */
export const viewerSignInLinks = sqliteTable(
  "viewer_sign_in_links",
  {
    tokenHash: text("token_hash").primaryKey(),
    email: text("email").notNull(),
    createdAt: createdAt(),
    expiresAt: ms("expires_at").notNull(),
    usedAt: ms("used_at"),
  },
  (t) => [index("viewer_sign_in_links_expires_idx").on(t.expiresAt)],
);

/** Tokens for machines reading a private page's API, feeds and calendar. Shown once, stored hashed. */
export const viewerTokens = sqliteTable(
  "viewer_tokens",
  {
    id: id(),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull(),
    createdAt: createdAt(),
    lastUsedAt: ms("last_used_at"),
    revokedAt: ms("revoked_at"),
  },
  (t) => [uniqueIndex("viewer_tokens_hash_idx").on(t.tokenHash)],
);

// ---------------------------------------------------------------- console single sign-on (issue #15)

/** The console's SSO settings: one row (id "default"), written by owners. The provider itself is configured in the environment. */
export const consoleSsoSettings = sqliteTable("console_sso_settings", {
  id: text("id").primaryKey(),
  /** The ID token or userinfo claim that carries groups or roles. */
  roleClaim: text("role_claim").notNull().default("groups"),
  /** "claim value = role" lines (core/console-sso.ts); empty: nobody gets a role without an owner's approval. */
  roleMapping: text("role_mapping").notNull().default(""),
  /** Email domains allowed to sign in with SSO, one per line; empty: any verified email. */
  emailDomains: text("email_domains").notNull().default(""),
  /** When on, only the break-glass owner may sign in with a password. */
  localPasswordsOff: flag("local_passwords_off").notNull().default(false),
  breakGlassUserId: text("break_glass_user_id").references(() => users.id, { onDelete: "set null" }),
  updatedAt: updatedAt(),
});

/** People who signed in with SSO but whose claims map to no role: they wait for an owner's approval. */
export const ssoAccessRequests = sqliteTable(
  "sso_access_requests",
  {
    id: id(),
    /** Lower-cased, verified by the provider. */
    email: text("email").notNull(),
    name: text("name").notNull().default(""),
    /** The role claim's values at the last attempt, for the owner deciding. */
    claimValues: text("claim_values", { mode: "json" }).$type<string[]>().notNull(),
    createdAt: createdAt(),
    lastSeenAt: ms("last_seen_at").notNull(),
  },
  (t) => [uniqueIndex("sso_access_requests_email_unique").on(t.email)],
);

// ---------------------------------------------------------------- detection

/**
 * A check the product runs by itself (or, for kind "heartbeat", waits for). `config` holds the kind's own
 * settings, validated by services/monitors/config.ts. The counters and state are a cache of the newest results,
 * written in the same transaction as each result (db/writes/monitors.ts). Monitors may target private
 * addresses: only admins create them (the trust boundary is explained in services/monitors/config.ts).
 */
export const monitors = sqliteTable(
  "monitors",
  {
    id: id(),
    pageId: text("page_id")
      .notNull()
      .references(() => pages.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    kind: text("kind", { enum: MONITOR_KINDS }).notNull(),
    config: text("config", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    intervalSeconds: integer("interval_seconds").notNull(),
    timeoutMs: integer("timeout_ms").notNull(),
    /** The service this monitor reports on; null: it only records. */
    componentId: text("component_id").references(() => components.id, { onDelete: "set null" }),
    failureStatus: text("failure_status", { enum: MONITOR_FAILURE_STATUSES }).notNull().default("major_outage"),
    /** A correct answer slower than this is "slow"; slow for long enough claims degraded performance. */
    slowThresholdMs: integer("slow_threshold_ms"),
    failuresBeforeDown: integer("failures_before_down").notNull().default(3),
    successesBeforeUp: integer("successes_before_up").notNull().default(2),
    paused: flag("paused").notNull().default(false),
    incidentMode: text("incident_mode", { enum: INCIDENT_MODES }).notNull().default("status_only"),
    templateId: text("template_id").references(() => incidentTemplates.id, { onDelete: "set null" }),
    /** SHA-256 of the heartbeat URL's token (kind "heartbeat" only). */
    heartbeatTokenHash: text("heartbeat_token_hash"),
    lastHeartbeatAt: ms("last_heartbeat_at"),
    state: text("state", { enum: MONITOR_STATES }).notNull().default("unknown"),
    stateChangedAt: ms("state_changed_at"),
    /** Consecutive results: down; slow or down; up. Flap damping reads these (core/flap-damping.ts). */
    downStreak: integer("down_streak").notNull().default(0),
    badStreak: integer("bad_streak").notNull().default(0),
    upStreak: integer("up_streak").notNull().default(0),
    lastCheckedAt: ms("last_checked_at"),
    lastResponseMs: integer("last_response_ms"),
    lastError: text("last_error"),
    /** Interval-aligned with a fixed phase per monitor (core/monitor-schedule.ts). */
    nextRunAt: ms("next_run_at").notNull(),
    /** A scheduler's claim on the next run: nobody else runs this monitor until leaseUntil passes. */
    leaseOwner: text("lease_owner"),
    leaseUntil: ms("lease_until"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("monitors_due_idx").on(t.paused, t.nextRunAt),
    index("monitors_component_idx").on(t.componentId),
    uniqueIndex("monitors_heartbeat_token_unique").on(t.heartbeatTokenHash),
  ],
);

/** Every check result, kept for 48 hours (then only the roll-ups remain). */
export const monitorResults = sqliteTable(
  "monitor_results",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    monitorId: text("monitor_id")
      .notNull()
      .references(() => monitors.id, { onDelete: "cascade" }),
    at: ms("at").notNull(),
    outcome: text("outcome", { enum: CHECK_OUTCOMES }).notNull(),
    responseMs: integer("response_ms"),
    error: text("error"),
    /** What the check saw (status code, certificate, DNS answer), small and kind-specific. */
    detail: text("detail", { mode: "json" }).$type<Record<string, unknown>>(),
  },
  (t) => [index("monitor_results_monitor_at_idx").on(t.monitorId, t.at), index("monitor_results_at_idx").on(t.at)],
);

/** Hourly roll-ups kept 90 days, daily ones two years ("hour" | "day"). Times in ms; sum for exact merges. */
export const monitorRollups = sqliteTable(
  "monitor_rollups",
  {
    monitorId: text("monitor_id")
      .notNull()
      .references(() => monitors.id, { onDelete: "cascade" }),
    resolution: text("resolution", { enum: ["hour", "day"] }).notNull(),
    bucketStart: ms("bucket_start").notNull(),
    countUp: integer("count_up").notNull(),
    countSlow: integer("count_slow").notNull(),
    countDown: integer("count_down").notNull(),
    /** Over the results that have a response time. */
    timedCount: integer("timed_count").notNull(),
    minMs: integer("min_ms"),
    avgMs: integer("avg_ms"),
    p95Ms: integer("p95_ms"),
    maxMs: integer("max_ms"),
  },
  (t) => [
    primaryKey({ columns: [t.monitorId, t.resolution, t.bucketStart] }),
    index("monitor_rollups_bucket_idx").on(t.resolution, t.bucketStart),
  ],
);

export const monitorStateChanges = sqliteTable(
  "monitor_state_changes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    monitorId: text("monitor_id")
      .notNull()
      .references(() => monitors.id, { onDelete: "cascade" }),
    at: ms("at").notNull(),
    fromState: text("from_state", { enum: MONITOR_STATES }).notNull(),
    toState: text("to_state", { enum: MONITOR_STATES }).notNull(),
    reason: text("reason"),
  },
  (t) => [index("monitor_state_changes_monitor_at_idx").on(t.monitorId, t.at)],
);

/**
 * A status a machine source claims for a service, while it lasts: a monitor that is down, a firing alert
 * (one per alert fingerprint: `key`). At most one open claim per (source, source id, key). The service's
 * status is derived from the open claims by core/precedence.ts.
 */
export const statusClaims = sqliteTable(
  "status_claims",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    componentId: text("component_id")
      .notNull()
      .references(() => components.id, { onDelete: "cascade" }),
    source: text("source", { enum: CLAIM_SOURCES }).notNull(),
    sourceId: text("source_id").notNull(),
    key: text("key").notNull().default(""),
    status: text("status", { enum: COMPONENT_STATUSES }).notNull(),
    summary: text("summary"),
    since: ms("since").notNull(),
    endedAt: ms("ended_at"),
  },
  (t) => [
    uniqueIndex("status_claims_open_unique")
      .on(t.source, t.sourceId, t.key)
      .where(sql`ended_at is null`),
    index("status_claims_component_idx").on(t.componentId, t.endedAt),
  ],
);

/**
 * The automatic incident of a service (at most one open per service): a draft for an admin to publish, or
 * the incident automation published. `takenOverAt` set: an admin edited it, automation leaves it alone.
 */
export const automaticIncidents = sqliteTable(
  "automatic_incidents",
  {
    id: id(),
    componentId: text("component_id")
      .notNull()
      .references(() => components.id, { onDelete: "cascade" }),
    source: text("source", { enum: CLAIM_SOURCES }).notNull(),
    sourceId: text("source_id").notNull(),
    state: text("state", { enum: AUTO_INCIDENT_STATES }).notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    componentStatus: text("component_status", { enum: COMPONENT_STATUSES }).notNull(),
    templateId: text("template_id").references(() => incidentTemplates.id, { onDelete: "set null" }),
    incidentId: text("incident_id").references(() => incidents.id, { onDelete: "set null" }),
    /** Recovery seen while a draft was waiting: the draft is offered no more. */
    recoveredAt: ms("recovered_at"),
    takenOverAt: ms("taken_over_at"),
    endedAt: ms("ended_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("automatic_incidents_open_unique")
      .on(t.componentId)
      .where(sql`state <> 'ended'`),
    index("automatic_incidents_incident_idx").on(t.incidentId),
  ],
);

/**
 * An alert source (Alertmanager, Grafana, or the generic JSON shape): its firing alerts claim statuses for
 * services (status_claims with source "integration", key = the alert's fingerprint). Only the SHA-256 of
 * the secret is stored; the intake URL carrying it is shown once. `matchers` and `severityMap` are validated
 * by services/integrations/config.ts.
 */
export const integrations = sqliteTable(
  "integrations",
  {
    id: id(),
    pageId: text("page_id")
      .notNull()
      .references(() => pages.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    kind: text("kind", { enum: INTEGRATION_KINDS }).notNull(),
    secretHash: text("secret_hash").notNull(),
    /** label = value -> service, tried in order after the alert's own `service` label. */
    matchers: text("matchers", { mode: "json" })
      .$type<{ label: string; value: string; componentId: string }[]>()
      .notNull(),
    /** severity label value (lower-cased) -> status; anything not listed claims `defaultStatus`. */
    severityMap: text("severity_map", { mode: "json" })
      .$type<Record<string, (typeof COMPONENT_STATUSES)[number]>>()
      .notNull(),
    defaultStatus: text("default_status", { enum: COMPONENT_STATUSES }).notNull().default("partial_outage"),
    incidentMode: text("incident_mode", { enum: INCIDENT_MODES }).notNull().default("status_only"),
    templateId: text("template_id").references(() => incidentTemplates.id, { onDelete: "set null" }),
    lastReceivedAt: ms("last_received_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("integrations_secret_unique").on(t.secretHash),
    uniqueIndex("integrations_name_unique").on(t.pageId, t.name),
  ],
);

/** The last payloads an integration received (at most 100 each, pruned on insert) and what each did. */
export const integrationPayloads = sqliteTable(
  "integration_payloads",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    integrationId: text("integration_id")
      .notNull()
      .references(() => integrations.id, { onDelete: "cascade" }),
    at: ms("at").notNull(),
    outcome: text("outcome", { enum: PAYLOAD_OUTCOMES }).notNull(),
    /** One line for the list: "2 alerts: 1 claim opened, 1 ended". */
    summary: text("summary").notNull(),
    /** Per alert: fingerprint, service (or why none), what happened. */
    detail: text("detail", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    /** The body as received, cut at 16 KB. */
    body: text("body").notNull(),
  },
  (t) => [index("integration_payloads_integration_idx").on(t.integrationId, t.id)],
);

// ---------------------------------------------------------------- imports

/**
 * What an import brought in, by the source's own id: a re-run updates these rows instead of duplicating them.
 * `source` names the origin ("statuspage:<page id>"), `fingerprint` is a hash of the source object as last
 * imported, so an unchanged object is skipped.
 */
export const importMappings = sqliteTable(
  "import_mappings",
  {
    source: text("source").notNull(),
    kind: text("kind").notNull(),
    externalId: text("external_id").notNull(),
    localId: text("local_id").notNull(),
    fingerprint: text("fingerprint").notNull(),
    importedAt: ms("imported_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.source, t.kind, t.externalId] }), index("import_mappings_local_idx").on(t.localId)],
);

// ---------------------------------------------------------------- visitor reports

/**
 * "Something not working?" from a visitor. The address is personal data: kept only until the thank-you is
 * sent or REPORT_LIMITS.addressDays have passed (services/reports/address-retention.ts); the text stays.
 */
export const visitorReports = sqliteTable(
  "visitor_reports",
  {
    id: id(),
    pageId: text("page_id")
      .notNull()
      .references(() => pages.id, { onDelete: "cascade" }),
    /** Null: "something else", no particular service. */
    componentId: text("component_id").references(() => components.id, { onDelete: "set null" }),
    problem: text("problem", { enum: REPORT_PROBLEMS }).notNull(),
    details: text("details").notNull().default(""),
    /** Lower-cased; null when none was given or once it was removed. */
    email: text("email"),
    emailRemovedAt: ms("email_removed_at"),
    state: text("state", { enum: REPORT_STATES }).notNull().default("open"),
    /** The incident the report belongs to: open when it was sent, or declared from its triage group. */
    incidentId: text("incident_id").references(() => incidents.id, { onDelete: "set null" }),
    /** The thank-you notification, queued once when the incident was resolved. */
    thanksNotificationId: text("thanks_notification_id").references(() => notifications.id, {
      onDelete: "set null",
    }),
    thanksQueuedAt: ms("thanks_queued_at"),
    handledAt: ms("handled_at"),
    handledBy: text("handled_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("visitor_reports_page_created_idx").on(t.pageId, t.createdAt),
    index("visitor_reports_component_created_idx").on(t.componentId, t.createdAt),
    index("visitor_reports_incident_idx").on(t.incidentId),
  ],
);

/** One row per spike of reports about a service, so the team is emailed once per spike, not per report. */
export const reportSpikes = sqliteTable(
  "report_spikes",
  {
    id: id(),
    pageId: text("page_id")
      .notNull()
      .references(() => pages.id, { onDelete: "cascade" }),
    componentId: text("component_id")
      .notNull()
      .references(() => components.id, { onDelete: "cascade" }),
    startedAt: ms("started_at").notNull(),
    /** The spike lasts while reports keep coming within the page's spike window of this. */
    lastReportAt: ms("last_report_at").notNull(),
    reportCount: integer("report_count").notNull(),
    /** When the team alert was queued; null when nobody had opted in. */
    alertedAt: ms("alerted_at"),
  },
  (t) => [index("report_spikes_component_last_idx").on(t.componentId, t.lastReportAt)],
);

/**
 * "Was this update helpful?": one vote per update per voter, changeable. The voter is a subscriber
 * (`s:<id>`, from the signed link in their email) or a visitor (`v:<hash of a random cookie>`); no account.
 */
export const updateVotes = sqliteTable(
  "update_votes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    updateId: text("update_id")
      .notNull()
      .references(() => incidentUpdates.id, { onDelete: "cascade" }),
    voterKey: text("voter_key").notNull(),
    helpful: flag("helpful").notNull(),
    /** Only with a "No": what was missing. */
    comment: text("comment"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("update_votes_update_voter_unique").on(t.updateId, t.voterKey)],
);

// ---------------------------------------------------------------- relations

export const pagesRelations = relations(pages, ({ many, one }) => ({
  components: many(components),
  groups: many(componentGroups),
  logo: one(assets, { fields: [pages.logoAssetId], references: [assets.id] }),
}));

export const componentGroupsRelations = relations(componentGroups, ({ many, one }) => ({
  page: one(pages, { fields: [componentGroups.pageId], references: [pages.id] }),
  components: many(components),
}));

export const componentsRelations = relations(components, ({ many, one }) => ({
  page: one(pages, { fields: [components.pageId], references: [pages.id] }),
  group: one(componentGroups, { fields: [components.groupId], references: [componentGroups.id] }),
  statusChanges: many(componentStatusChanges),
}));

export const componentStatusChangesRelations = relations(componentStatusChanges, ({ one }) => ({
  component: one(components, { fields: [componentStatusChanges.componentId], references: [components.id] }),
  incident: one(incidents, { fields: [componentStatusChanges.incidentId], references: [incidents.id] }),
}));

export const incidentsRelations = relations(incidents, ({ many, one }) => ({
  page: one(pages, { fields: [incidents.pageId], references: [pages.id] }),
  updates: many(incidentUpdates),
  components: many(incidentComponents),
  recurrence: one(maintenanceRecurrences, {
    fields: [incidents.recurrenceId],
    references: [maintenanceRecurrences.id],
  }),
}));

export const incidentUpdatesRelations = relations(incidentUpdates, ({ many, one }) => ({
  incident: one(incidents, { fields: [incidentUpdates.incidentId], references: [incidents.id] }),
  affectedComponents: many(incidentUpdateComponents),
}));

export const incidentUpdateComponentsRelations = relations(incidentUpdateComponents, ({ one }) => ({
  update: one(incidentUpdates, { fields: [incidentUpdateComponents.updateId], references: [incidentUpdates.id] }),
  component: one(components, { fields: [incidentUpdateComponents.componentId], references: [components.id] }),
}));

export const incidentComponentsRelations = relations(incidentComponents, ({ one }) => ({
  incident: one(incidents, { fields: [incidentComponents.incidentId], references: [incidents.id] }),
  component: one(components, { fields: [incidentComponents.componentId], references: [components.id] }),
}));

export const subscribersRelations = relations(subscribers, ({ many }) => ({
  components: many(subscriberComponents),
}));

export const subscriberComponentsRelations = relations(subscriberComponents, ({ one }) => ({
  subscriber: one(subscribers, { fields: [subscriberComponents.subscriberId], references: [subscribers.id] }),
  component: one(components, { fields: [subscriberComponents.componentId], references: [components.id] }),
}));

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

export const usersRelations = relations(users, ({ many }) => ({
  sessions: many(sessions),
  recoveryCodes: many(recoveryCodes),
}));

export const sessionsRelations = relations(sessions, ({ one }) => ({
  user: one(users, { fields: [sessions.userId], references: [users.id] }),
}));

// ---------------------------------------------------------------- static publishing

/**
 * One row per publish target (a folder, an S3 bucket; configured by environment, services/publish/config.ts):
 * what the console shows, the lease that keeps publishing one at a time across processes, and "Publish now".
 */
export const publishTargets = sqliteTable("publish_targets", {
  name: text("name").primaryKey(),
  /** The public content version the last successful publish rendered. */
  publishedVersion: integer("published_version"),
  lastAttemptAt: ms("last_attempt_at"),
  lastSuccessAt: ms("last_success_at"),
  lastDurationMs: integer("last_duration_ms"),
  lastObjectsChanged: integer("last_objects_changed"),
  lastError: text("last_error"),
  lastErrorAt: ms("last_error_at"),
  /** When the current run of failures began; null while the target publishes. */
  failingSince: ms("failing_since"),
  requestedAt: ms("requested_at"),
  leaseOwner: text("lease_owner"),
  leaseUntil: ms("lease_until"),
  /** When the team was told of the current failure episode; cleared when the "publishing again" email is queued. */
  alertedAt: ms("alerted_at"),
  updatedAt: updatedAt(),
});

/**
 * Static-copy targets added in the console (besides the environment's): a folder or an S3-compatible bucket.
 * The secret access key is sealed (services/secrets/box.ts), never stored or shown in the clear.
 */
export const publishTargetConfigs = sqliteTable(
  "publish_target_configs",
  {
    id: id(),
    /** For people: "CDN bucket", "Standby folder". */
    name: text("name").notNull(),
    kind: text("kind", { enum: ["folder", "s3"] }).notNull(),
    folder: text("folder"),
    bucket: text("bucket"),
    prefix: text("prefix").notNull().default(""),
    region: text("region").notNull().default("us-east-1"),
    endpoint: text("endpoint"),
    accessKeyId: text("access_key_id"),
    secretSealed: text("secret_sealed"),
    forcePathStyle: flag("force_path_style").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("publish_target_configs_name_unique").on(t.name)],
);

// ---------------------------------------------------------------- types

export type Page = typeof pages.$inferSelect;
export type PublishTargetConfig = typeof publishTargetConfigs.$inferSelect;
export type ComponentGroup = typeof componentGroups.$inferSelect;
export type Component = typeof components.$inferSelect;
export type ComponentStatusChange = typeof componentStatusChanges.$inferSelect;
export type Incident = typeof incidents.$inferSelect;
export type IncidentUpdate = typeof incidentUpdates.$inferSelect;
export type IncidentUpdateComponent = typeof incidentUpdateComponents.$inferSelect;
export type IncidentTemplate = typeof incidentTemplates.$inferSelect;
export type MaintenanceRecurrence = typeof maintenanceRecurrences.$inferSelect;
export type Subscriber = typeof subscribers.$inferSelect;
export type Notification = typeof notifications.$inferSelect;
export type Delivery = typeof deliveries.$inferSelect;
export type EmailMessage = typeof emailMessages.$inferSelect;
export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type ApiKey = typeof apiKeys.$inferSelect;
export type AuditEntry = typeof auditLog.$inferSelect;
export type Monitor = typeof monitors.$inferSelect;
export type MonitorResult = typeof monitorResults.$inferSelect;
export type MonitorRollup = typeof monitorRollups.$inferSelect;
export type StatusClaim = typeof statusClaims.$inferSelect;
export type AutomaticIncident = typeof automaticIncidents.$inferSelect;
export type Integration = typeof integrations.$inferSelect;
export type IntegrationPayload = typeof integrationPayloads.$inferSelect;
export type ImportMapping = typeof importMappings.$inferSelect;
export type VisitorReport = typeof visitorReports.$inferSelect;
export type ReportSpike = typeof reportSpikes.$inferSelect;
export type UpdateVote = typeof updateVotes.$inferSelect;
export type PublishTarget = typeof publishTargets.$inferSelect;
