// The public content version: one number that says "what visitors see may have changed". SQLite triggers
// (migration 0003_public_content_version) raise it on every insert, update and delete of a public table, in
// the same transaction as the write, so no code path can forget it and every writer counts: this server's
// Server Actions and API, the jobs, `npm run worker`, the CLI, a second server, a test writing the file.
// The page cache (server.ts) compares it on every cacheable request.
import Database from "better-sqlite3";
import type { Db } from "@/db";

/**
 * The tables the public artefacts read (pages, incident pages, history, feeds, calendar, API v2, badge, embed).
 * Templates, recurrence rules, subscribers, the outbox, people and sessions are not public: writing them
 * leaves the cache alone. A new table must be added here (and a migration with its three triggers) or to
 * PRIVATE_TABLES; db/public-content-version.test.ts fails until it is one or the other.
 */
export const PUBLIC_TABLES = [
  "pages",
  "assets",
  "component_groups",
  "components",
  "component_status_changes",
  "incidents",
  "incident_updates",
  "incident_update_components",
  "incident_components",
] as const;

export const PRIVATE_TABLES = [
  "app_state",
  "console_sso_settings",
  "sso_access_requests",
  "publish_target_configs",
  "password_resets",
  "monitors",
  "monitor_results",
  "monitor_rollups",
  "monitor_state_changes",
  "status_claims",
  "automatic_incidents",
  "integrations",
  "integration_payloads",
  "incident_templates",
  "maintenance_recurrences",
  "subscribers",
  "subscriber_components",
  "notifications",
  "deliveries",
  "email_messages",
  "inbound_webhook_events",
  "users",
  "recovery_codes",
  "sessions",
  "invitations",
  "api_keys",
  "audit_log",
  "rate_limits",
  "public_content_version",
  "import_mappings",
  "visitor_reports",
  "report_spikes",
  "update_votes",
  "publish_targets",
  "viewer_sessions",
  "viewer_sign_in_links",
  "viewer_tokens",
] as const;

const VERSION_SQL = "select version from public_content_version where id = 1";

/** The current version as seen by this connection (tests, scripts). */
export function readPublicContentVersion(db: Db): number {
  return db.$client.prepare(VERSION_SQL).pluck().get() as number;
}

export interface PublicVersionWatcher {
  /** The public content version, as committed by any connection. */
  current(): number;
  close(): void;
}

/**
 * A dedicated read-only connection that answers current() from one prepared statement. server.ts calls it
 * for the first cacheable request of each event-loop turn. Asking `PRAGMA data_version` first and reading the
 * row only when it moved measured about 10% cheaper per check (5.9 against 6.5 us, bench/version-check.ts, on
 * a busy machine); with one read per turn that difference disappears in the noise, so the one-step read it is.
 */
export function watchPublicVersion(file: string): PublicVersionWatcher {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma("busy_timeout = 1000");
  const version = db.prepare(VERSION_SQL).pluck();
  return {
    current: () => version.get() as number,
    close: () => db.close(),
  };
}
