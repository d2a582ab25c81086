// The installation export: one gzip-compressed JSON document, versioned, described by
// docs/installation-export.schema.json and docs/installation-export.md. Rows are the tables' raw columns;
// a blob is written as { "$base64": "..." }.
import { z } from "zod";

export const EXPORT_FORMAT = "statuspage-installation-export";
/** Raised when a reader of the previous version could no longer read the file correctly. */
export const EXPORT_VERSION = 1;
/** The largest export read back, uncompressed. */
export const MAX_EXPORT_BYTES = 1024 * 1024 * 1024;

/**
 * Tables never moved: sessions and sign-in state that must not outlive the old server, counters, the cache
 * version, and the outbox (mail already sent, or queued there, is not re-sent from a new installation).
 */
export const NOT_EXPORTED: Record<string, string> = {
  sessions: "sign-ins end with the old server",
  rate_limits: "counters start afresh",
  password_resets: "reset links end with the old server",
  invitations: "open invitations are sent again from the new server",
  public_content_version: "the page cache's counter, kept by the new database",
  notifications: "the outbox is not moved (nothing is sent again)",
  deliveries: "the outbox is not moved (nothing is sent again)",
  email_messages: "the sent-mail log is not moved",
  inbound_webhook_events: "Resend's already-processed event ids",
  viewer_sessions: "viewer sign-ins end with the old server",
  viewer_sign_in_links: "viewer sign-in links end with the old server",
  publish_targets: "the new server publishes its static copy afresh",
};

/**
 * Credentials: written only with --with-secrets. Without them team members reset their passwords
 * (npm run admin -- reset-password) and set up two-factor again; webhook subscribers get new signing keys;
 * the app secret is new, so links in mail sent before the move stop working.
 */
export const SECRET_COLUMNS: Record<string, string[]> = {
  users: ["password_hash", "totp_secret", "totp_enabled_at", "totp_last_step"],
  subscribers: ["webhook_secret"],
  publish_target_configs: ["access_key_id", "secret_sealed"],
};
/**
 * Columns that are a credential only in some rows: a chat channel's incoming-webhook URL is its secret (whoever
 * has it can post to the channel). Without secrets the cell is left out and the row is flagged by exporting it
 * disabled (`disable` set to the export's time, unless already set): the installation it is imported into
 * sends nothing to it and says it must be added again. Kept through a round trip, so it stays byte-identical.
 */
export const SECRET_CELLS: Record<string, { column: string; where: Record<string, string>; disable: string }[]> = {
  subscribers: [{ column: "webhook_url", where: { kind: "chat" }, disable: "webhook_disabled_at" }],
};
export const SECRET_TABLES = ["recovery_codes"];
/** Rows that are credentials, by table and key column: the app's link-signing secret. */
export const SECRET_ROWS: Record<string, { column: string; values: string[] }> = {
  app_state: { column: "key", values: ["signing_secret"] },
};

const value = z.union([z.string(), z.number(), z.null(), z.object({ $base64: z.string() }).strict()]);
export const exportFileSchema = z
  .object({
    format: z.literal(EXPORT_FORMAT),
    version: z.number().int().positive(),
    exportedAt: z.iso.datetime(),
    /** Migrations the exporting database had applied (db/migrations). */
    migrations: z.number().int().nonnegative(),
    withSecrets: z.boolean(),
    tables: z.record(z.string(), z.array(z.record(z.string(), value))),
  })
  .strict();
export type ExportFile = z.infer<typeof exportFileSchema>;
