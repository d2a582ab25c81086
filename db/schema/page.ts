// The page itself and its small companions: settings, uploaded files, internal state, the public content version.
import { relations } from "drizzle-orm";
import { blob, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { PAGE_VISIBILITIES } from "../constants";
import { id, flag, createdAt, updatedAt } from "./columns";
import { componentGroups, components } from "./components";

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

export const pagesRelations = relations(pages, ({ many, one }) => ({
  components: many(components),
  groups: many(componentGroups),
  logo: one(assets, { fields: [pages.logoAssetId], references: [assets.id] }),
}));

export type Page = typeof pages.$inferSelect;
