// Statuses of services, incidents and maintenances, their named subsets and labels; impacts and page indicators.
// Imports nothing at all (lint-enforced): client components and the pure core read it too.

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

/** The statuses whose time the service report counts as downtime minutes, worst first (core/service-report-measures.ts). */
export const DOWNTIME_STATUSES = ["major_outage", "partial_outage", "degraded_performance"] as const;
export type DowntimeStatus = (typeof DOWNTIME_STATUSES)[number];
