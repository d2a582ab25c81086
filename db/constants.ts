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
export const STATUS_SOURCES = ["incident", "maintenance", "manual", "api", "automation", "seed", "import"] as const;
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
/** What each key role may do through /api/v1 (core/actor.ts has the rules). */
export const API_KEY_ROLE_HINT =
  "Read only: reads. Editor: also incidents, maintenance and updates. Admin: also services and groups.";

export const SUBSCRIBER_KINDS = ["email", "webhook", "chat", "sms"] as const;
export type SubscriberKind = (typeof SUBSCRIBER_KINDS)[number];

/** The chat platforms a `chat` subscriber posts to (services/chat/); each has its own hosts (core/chat-hosts.ts). */
export const CHAT_PLATFORMS = ["slack", "teams", "discord", "google_chat"] as const;
export type ChatPlatform = (typeof CHAT_PLATFORMS)[number];
export const CHAT_PLATFORM_LABELS: Record<ChatPlatform, string> = {
  slack: "Slack",
  teams: "Microsoft Teams",
  discord: "Discord",
  google_chat: "Google Chat",
};

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
  "monitor_down",
  /** Visitor reports about one service passed the spike threshold (team members who opted in). */
  "report_spike",
  /** "Fixed, thank you for telling us": to a visitor who reported a problem, once its incident is resolved. */
  "report_thanks",
  /** A static-copy target has failed for more than 5 minutes (team members who opted in). */
  "publish_failing",
  /** That target publishes again (the same members). */
  "publish_recovered",
  /** The code a new SMS subscriber types to prove the number is theirs (SMS only, no email). */
  "sms_verification",
  /** To a number that asked to follow an incident it already gets by SMS (SMS only; the page never says). */
  "sms_already_subscribed",
  /** The code that opens the SMS manage page (app/manage/sms/), to the number that asked (SMS only). */
  "sms_manage_code",
  /** A viewer's single-use sign-in link to the internal page (issue #15), by email. */
  "viewer_sign_in",
  /** "This month in IT" to team members who opted in (addresses in the payload), once per month. */
  "monthly_report",
  /** "This month in IT" to the email subscribers who chose it on their manage page, once per month. */
  "monthly_report_subscribers",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const DELIVERY_CHANNELS = ["email", "webhook", "chat", "sms"] as const;
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

// ---------------------------------------------------------------- detection (monitors and claims)

export const MONITOR_KINDS = ["http", "tcp", "dns", "tls", "ping", "heartbeat"] as const;
export type MonitorKind = (typeof MONITOR_KINDS)[number];
export const MONITOR_KIND_LABELS: Record<MonitorKind, string> = {
  http: "HTTP(S)",
  tcp: "TCP port",
  dns: "DNS record",
  tls: "TLS certificate",
  ping: "Ping",
  heartbeat: "Heartbeat (push)",
};

/** What a failing monitor claims for its service. */
export const MONITOR_FAILURE_STATUSES = ["degraded_performance", "partial_outage", "major_outage"] as const;
export type MonitorFailureStatus = (typeof MONITOR_FAILURE_STATUSES)[number];

/** One check's verdict: slow means it answered correctly but over the slow threshold. */
export const CHECK_OUTCOMES = ["up", "slow", "down"] as const;
export type CheckOutcome = (typeof CHECK_OUTCOMES)[number];

/** A monitor's damped state: unknown until the first verdict; degraded is "slow for long enough". */
export const MONITOR_STATES = ["unknown", "up", "degraded", "down"] as const;
export type MonitorState = (typeof MONITOR_STATES)[number];

export const INCIDENT_MODES = ["status_only", "draft", "published"] as const;
export type IncidentMode = (typeof INCIDENT_MODES)[number];
export const INCIDENT_MODE_LABELS: Record<IncidentMode, string> = {
  status_only: "Status only",
  draft: "Status and a draft incident for an admin to publish",
  published: "Status and a published incident from a template",
};

/** Who claims a status for a service (see db/writes/claims.ts). */
export const CLAIM_SOURCES = ["monitor", "integration"] as const;
export type ClaimSource = (typeof CLAIM_SOURCES)[number];

/** An automatic incident's life: a draft waiting for an admin, published, or ended (resolved, dismissed, taken over). */
export const AUTO_INCIDENT_STATES = ["draft", "published", "ended"] as const;
export type AutoIncidentState = (typeof AUTO_INCIDENT_STATES)[number];

/** Alert intake (services/integrations): where an integration's payloads come from. */
export const INTEGRATION_KINDS = ["alertmanager", "grafana", "generic"] as const;
export type IntegrationKind = (typeof INTEGRATION_KINDS)[number];
export const INTEGRATION_KIND_LABELS: Record<IntegrationKind, string> = {
  alertmanager: "Prometheus Alertmanager",
  grafana: "Grafana alerting",
  generic: "Generic JSON",
};
/** What a received payload did, for the integration's page. */
export const PAYLOAD_OUTCOMES = ["applied", "unchanged", "unknown_service", "rejected"] as const;
export type PayloadOutcome = (typeof PAYLOAD_OUTCOMES)[number];

export const MONITOR_LIMITS = {
  minIntervalSeconds: 10,
  maxIntervalSeconds: 24 * 60 * 60,
  minTimeoutMs: 100,
  maxTimeoutMs: 60_000,
  /** Response bodies are read up to this many bytes, then the connection is dropped. */
  maxBodyBytes: 1024 * 1024,
  maxRedirects: 10,
} as const;

export const LIMITS = {
  name: 100,
  description: 1_000,
  message: 10_000,
  footer: 1_000,
  url: 2_048,
  email: 254,
} as const;

// ---------------------------------------------------------------- visitor reports

/** What a visitor can say is wrong, before the free text. */
export const REPORT_PROBLEMS = ["unavailable", "slow", "error", "sign_in", "other"] as const;
export type ReportProblem = (typeof REPORT_PROBLEMS)[number];
export const REPORT_PROBLEM_LABELS: Record<ReportProblem, string> = {
  unavailable: "It does not load at all",
  slow: "It is very slow",
  error: "It shows an error",
  sign_in: "I cannot sign in",
  other: "Something else",
};

/** open: waiting for the team; handled: looked at (or attached to an incident); dismissed: not a problem. */
export const REPORT_STATES = ["open", "handled", "dismissed"] as const;
export type ReportState = (typeof REPORT_STATES)[number];

export const REPORT_LIMITS = {
  details: 1_000,
  /** A report's address is removed this long after it was given, if no reply removed it sooner. */
  addressDays: 30,
  /** Reports about one service closer together than this fall into one triage group. */
  groupGapMinutes: 60,
  minSpikeThreshold: 2,
  maxSpikeThreshold: 1_000,
  minSpikeMinutes: 1,
  maxSpikeMinutes: 24 * 60,
} as const;

/** Who may see the page (issue #15): everyone, signed-in viewers only, or everyone with an internal part. */
export const PAGE_VISIBILITIES = ["public", "private", "mixed"] as const;
export type PageVisibility = (typeof PAGE_VISIBILITIES)[number];
export const PAGE_VISIBILITY_LABELS: Record<PageVisibility, string> = {
  public: "Public: everyone sees everything",
  private: "Private: only signed-in viewers",
  mixed: "Mixed: internal services only for signed-in viewers",
};
/** A service's or group's audience on a mixed page. */
export const ITEM_VISIBILITIES = ["public", "internal"] as const;
export type ItemVisibility = (typeof ITEM_VISIBILITIES)[number];
/** Who is looking: the public, or a viewer with the right to the internal page (staff). */
export const AUDIENCES = ["public", "internal"] as const;
export type Audience = (typeof AUDIENCES)[number];
/** How a viewer came to see the internal page. */
export const VIEWER_METHODS = ["email", "ip", "token", "oidc"] as const;
export type ViewerMethod = (typeof VIEWER_METHODS)[number];
export const VIEWER_LIMITS = {
  /** Allowed email domains and allow-list entries, each. */
  listEntries: 50,
  tokenName: 100,
} as const;

/** The statuses whose time the service report counts as downtime minutes, worst first (core/service-report-measures.ts). */
export const DOWNTIME_STATUSES = ["major_outage", "partial_outage", "degraded_performance"] as const;
export type DowntimeStatus = (typeof DOWNTIME_STATUSES)[number];
