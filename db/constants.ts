// Enums, the named subsets of them, and their labels: the one place a status list is written. This file
// imports nothing at all (lint-enforced), so client components and the pure core can use it too.

export const COMPONENT_STATUSES = [
  "operational",
  "degraded_performance",
  "partial_outage",
  "major_outage",
  "under_maintenance",
] as const;
export type ComponentStatus = (typeof COMPONENT_STATUSES)[number];

export const COMPONENT_STATUS_LABELS: Record<ComponentStatus, string> = {
  operational: "Operational",
  degraded_performance: "Degraded performance",
  partial_outage: "Partial outage",
  major_outage: "Major outage",
  under_maintenance: "Under maintenance",
};

/** Where a status change came from; kept on every status history row. */
export const STATUS_SOURCES = ["incident", "maintenance", "manual", "api", "automation", "seed"] as const;
export type StatusSource = (typeof STATUS_SOURCES)[number];

export const INCIDENT_KINDS = ["incident", "maintenance"] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

export const INCIDENT_STATUSES = ["investigating", "identified", "monitoring", "resolved", "postmortem"] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
export const UNRESOLVED_INCIDENT_STATUSES = ["investigating", "identified", "monitoring"] as const;
export const RESOLVED_INCIDENT_STATUSES = ["resolved", "postmortem"] as const;
/** What an update may set (a postmortem is published, not posted), in forms, templates and both APIs. */
export const POSTABLE_INCIDENT_STATUSES = ["investigating", "identified", "monitoring", "resolved"] as const;
export type PostableIncidentStatus = (typeof POSTABLE_INCIDENT_STATUSES)[number];

/** `cancelled` is ours: Statuspage has no such state, the API shows a cancelled maintenance as completed. */
export const MAINTENANCE_STATUSES = ["scheduled", "in_progress", "verifying", "completed", "cancelled"] as const;
export type MaintenanceStatus = (typeof MAINTENANCE_STATUSES)[number];
export const UPCOMING_MAINTENANCE_STATUSES = ["scheduled"] as const;
/** A window under way. */
export const ACTIVE_MAINTENANCE_STATUSES = ["in_progress", "verifying"] as const;
/** Not over yet: upcoming or under way. */
export const OPEN_MAINTENANCE_STATUSES = ["scheduled", "in_progress", "verifying"] as const;
export const ENDED_MAINTENANCE_STATUSES = ["completed", "cancelled"] as const;
/** What an update may set, and what the Statuspage API shows (cancelled reads as completed there). */
export const POSTABLE_MAINTENANCE_STATUSES = ["scheduled", "in_progress", "verifying", "completed"] as const;
export type PostableMaintenanceStatus = (typeof POSTABLE_MAINTENANCE_STATUSES)[number];

export type AnyIncidentStatus = IncidentStatus | MaintenanceStatus;
export const ALL_INCIDENT_STATUSES = [...INCIDENT_STATUSES, ...MAINTENANCE_STATUSES] as const;

export const INCIDENT_STATUS_LABELS: Record<AnyIncidentStatus, string> = {
  investigating: "Investigating",
  identified: "Identified",
  monitoring: "Monitoring",
  resolved: "Resolved",
  postmortem: "Postmortem",
  scheduled: "Scheduled",
  in_progress: "In progress",
  verifying: "Verifying",
  completed: "Completed",
  cancelled: "Cancelled",
};

export const IMPACTS = ["none", "minor", "major", "critical"] as const;
export type Impact = (typeof IMPACTS)[number];
export const IMPACT_LABELS: Record<Impact | "maintenance", string> = {
  none: "None",
  minor: "Minor",
  major: "Major",
  critical: "Critical",
  maintenance: "Maintenance",
};

export const INDICATORS = ["none", "minor", "major", "critical", "maintenance"] as const;
export type Indicator = (typeof INDICATORS)[number];

export const STATUS_DESCRIPTIONS = [
  "All Systems Operational",
  "Minor Service Outage",
  "Partial System Outage",
  "Major System Outage",
  "Partially Degraded Service",
  "Degraded System Service",
  "Service Under Maintenance",
] as const;
export type StatusDescription = (typeof STATUS_DESCRIPTIONS)[number];

export const USER_ROLES = ["owner", "admin", "editor"] as const;
export type UserRole = (typeof USER_ROLES)[number];
export const USER_ROLE_LABELS: Record<UserRole, string> = { owner: "Owner", admin: "Admin", editor: "Editor" };

export const API_KEY_ROLES = ["read", "editor", "admin"] as const;
export type ApiKeyRole = (typeof API_KEY_ROLES)[number];
export const API_KEY_ROLE_LABELS: Record<ApiKeyRole, string> = { read: "Read only", editor: "Editor", admin: "Admin" };
/** What each key role may do through /api/v1 (lib/domain/actor.ts has the rules). */
export const API_KEY_ROLE_HINT = "Read only: reads. Editor: also incidents, maintenance and updates. Admin: also services and groups.";

export const SUBSCRIBER_KINDS = ["email", "webhook"] as const;
export type SubscriberKind = (typeof SUBSCRIBER_KINDS)[number];

/** pending: awaiting confirmation (an email) or its verification ping (a webhook); suppressed: hard bounce or complaint, never mailed again. */
export const SUBSCRIBER_STATES = ["pending", "active", "unsubscribed", "suppressed"] as const;
export type SubscriberState = (typeof SUBSCRIBER_STATES)[number];

export const NOTIFICATION_KINDS = [
  "incident_created",
  "incident_updated",
  "incident_resolved",
  "postmortem_published",
  "maintenance_scheduled",
  "maintenance_rescheduled",
  "maintenance_cancelled",
  "maintenance_reminder",
  "maintenance_started",
  "maintenance_completed",
  "component_updated",
  "subscription_confirm",
  "subscription_manage_link",
  "webhook_disabled",
  /** The ping a new webhook must answer with a 2xx before it receives anything (webhooks only, no email). */
  "webhook_verification",
  "team_invitation",
  "password_reset",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const DELIVERY_CHANNELS = ["email", "webhook"] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

/** parked: a quota error; it waits for the quota to reset instead of retrying soon. */
export const DELIVERY_STATES = ["pending", "sending", "sent", "failed", "parked"] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

export const EMAIL_MESSAGE_STATES = [
  "queued",
  "sent",
  "delivered",
  "delivery_delayed",
  "bounced",
  "complained",
  "failed",
  "kept_locally",
] as const;
export type EmailMessageState = (typeof EMAIL_MESSAGE_STATES)[number];

export const AUDIT_ACTOR_TYPES = ["user", "api_key", "system", "anonymous"] as const;
export type AuditActorType = (typeof AUDIT_ACTOR_TYPES)[number];

export const LIMITS = {
  name: 100,
  description: 1_000,
  message: 10_000,
  footer: 1_000,
  url: 2_048,
  email: 254,
} as const;
