// Alert sources (Alertmanager, Grafana, generic JSON) and the payloads they sent; what imports brought in.
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { INCIDENT_MODES, INTEGRATION_KINDS, PAYLOAD_OUTCOMES, COMPONENT_STATUSES } from "../constants";
import { id, ms, createdAt, updatedAt } from "./columns";
import { incidentTemplates } from "./incidents";
import { pages } from "./page";

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

export type Integration = typeof integrations.$inferSelect;
export type IntegrationPayload = typeof integrationPayloads.$inferSelect;
export type ImportMapping = typeof importMappings.$inferSelect;
