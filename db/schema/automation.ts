// What machine sources claim for a service, and the automatic incidents those claims open.
import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { AUTO_INCIDENT_STATES, CLAIM_SOURCES, COMPONENT_STATUSES } from "../constants";
import { id, ms, createdAt, updatedAt } from "./columns";
import { components } from "./components";
import { incidents, incidentTemplates } from "./incidents";

/**
 * A status a machine source claims for a service, while it lasts: a monitor that is down, a firing alert
 * (one per alert fingerprint: `key`). At most one open claim per (source, source id, key). The service's
 * status is derived from the open claims by core/precedence.ts.
 */
export const statusClaims = sqliteTable(
  "status_claims",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    componentId: text("component_id")
      .notNull()
      .references(() => components.id, { onDelete: "cascade" }),
    source: text("source", { enum: CLAIM_SOURCES }).notNull(),
    sourceId: text("source_id").notNull(),
    key: text("key").notNull().default(""),
    status: text("status", { enum: COMPONENT_STATUSES }).notNull(),
    summary: text("summary"),
    since: ms("since").notNull(),
    endedAt: ms("ended_at"),
  },
  (t) => [
    uniqueIndex("status_claims_open_unique")
      .on(t.source, t.sourceId, t.key)
      .where(sql`ended_at is null`),
    index("status_claims_component_idx").on(t.componentId, t.endedAt),
  ],
);

/**
 * The automatic incident of a service (at most one open per service): a draft for an admin to publish, or
 * the incident automation published. `takenOverAt` set: an admin edited it, automation leaves it alone.
 */
export const automaticIncidents = sqliteTable(
  "automatic_incidents",
  {
    id: id(),
    componentId: text("component_id")
      .notNull()
      .references(() => components.id, { onDelete: "cascade" }),
    source: text("source", { enum: CLAIM_SOURCES }).notNull(),
    sourceId: text("source_id").notNull(),
    state: text("state", { enum: AUTO_INCIDENT_STATES }).notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    componentStatus: text("component_status", { enum: COMPONENT_STATUSES }).notNull(),
    templateId: text("template_id").references(() => incidentTemplates.id, { onDelete: "set null" }),
    incidentId: text("incident_id").references(() => incidents.id, { onDelete: "set null" }),
    /** Recovery seen while a draft was waiting: the draft is offered no more. */
    recoveredAt: ms("recovered_at"),
    takenOverAt: ms("taken_over_at"),
    endedAt: ms("ended_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("automatic_incidents_open_unique")
      .on(t.componentId)
      .where(sql`state <> 'ended'`),
    index("automatic_incidents_incident_idx").on(t.incidentId),
  ],
);

export type StatusClaim = typeof statusClaims.$inferSelect;
export type AutomaticIncident = typeof automaticIncidents.$inferSelect;
