// Monitors: the checks the product runs by itself, their results, roll-ups and state changes.
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { CHECK_OUTCOMES, INCIDENT_MODES, MONITOR_FAILURE_STATUSES, MONITOR_KINDS, MONITOR_STATES } from "../constants";
import { id, ms, flag, createdAt, updatedAt } from "./columns";
import { components } from "./components";
import { incidentTemplates } from "./incidents";
import { pages } from "./page";

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
  // The only index: rolling up and pruning read through it too (db/writes/monitor-rollups.ts).
  (t) => [index("monitor_results_monitor_at_idx").on(t.monitorId, t.at)],
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

export type Monitor = typeof monitors.$inferSelect;
export type MonitorResult = typeof monitorResults.$inferSelect;
export type MonitorRollup = typeof monitorRollups.$inferSelect;
