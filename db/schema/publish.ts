// Static publishing: the targets a static copy of the page is written to, and their state.
import { integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { id, ms, flag, createdAt, updatedAt } from "./columns";

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

export type PublishTargetConfig = typeof publishTargetConfigs.$inferSelect;
export type PublishTarget = typeof publishTargets.$inferSelect;
