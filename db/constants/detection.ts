// Detection: monitors, their checks and states, status claims, automatic incidents and alert integrations.
// Imports nothing at all (lint-enforced): client components and the pure core read it too.

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
