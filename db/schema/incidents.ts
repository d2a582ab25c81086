// Incidents and scheduled maintenances (one table, as in the Statuspage API), their updates, affected services and templates.
import { relations, sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { ALL_INCIDENT_STATUSES, COMPONENT_STATUSES, IMPACTS, INCIDENT_KINDS } from "../constants";
import { id, ms, flag, createdAt, updatedAt } from "./columns";
import { components } from "./components";
import { maintenanceRecurrences } from "./maintenance";
import { pages } from "./page";
import { users, apiKeys } from "./team";

/** Incidents and scheduled maintenances share one table, as they share one shape in the Statuspage API. */
export const incidents = sqliteTable(
  "incidents",
  {
    id: id(),
    pageId: text("page_id")
      .notNull()
      .references(() => pages.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: INCIDENT_KINDS }).notNull(),
    name: text("name").notNull(),
    /** Cache of the newest update's status, written in the same transaction as that update. */
    status: text("status", { enum: ALL_INCIDENT_STATUSES }).notNull(),
    /** Derived from the affected components' statuses unless impactOverride is set; "maintenance" for maintenances. */
    impact: text("impact", { enum: [...IMPACTS, "maintenance"] }).notNull(),
    impactOverride: text("impact_override", { enum: IMPACTS }),
    /** Found after the fact: entered with a start in the past, never notifies. */
    backfilled: flag("backfilled").notNull().default(false),
    startedAt: ms("started_at").notNull(),
    identifiedAt: ms("identified_at"),
    monitoringAt: ms("monitoring_at"),
    resolvedAt: ms("resolved_at"),
    // maintenance window and automation
    scheduledFor: ms("scheduled_for"),
    scheduledUntil: ms("scheduled_until"),
    autoStart: flag("auto_start").notNull().default(false),
    autoComplete: flag("auto_complete").notNull().default(false),
    /** Minutes before scheduledFor to remind subscribers; null for no reminder. */
    remindBeforeMinutes: integer("remind_before_minutes"),
    /** Put the affected components under maintenance while the window is open. */
    setComponentsUnderMaintenance: flag("set_components_under_maintenance").notNull().default(true),
    reminderQueuedAt: ms("reminder_queued_at"),
    cancelledAt: ms("cancelled_at"),
    /** Raised on every reschedule: the iCalendar SEQUENCE. */
    sequence: integer("sequence").notNull().default(0),
    recurrenceId: text("recurrence_id").references(() => maintenanceRecurrences.id, { onDelete: "set null" }),
    // postmortem
    postmortemBody: text("postmortem_body"),
    postmortemPublishedAt: ms("postmortem_published_at"),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("incidents_page_kind_created_idx").on(t.pageId, t.kind, t.createdAt),
    index("incidents_kind_status_idx").on(t.kind, t.status),
    index("incidents_started_idx").on(t.startedAt),
    index("incidents_scheduled_for_idx").on(t.scheduledFor),
  ],
);

export const incidentUpdates = sqliteTable(
  "incident_updates",
  {
    id: id(),
    incidentId: text("incident_id")
      .notNull()
      .references(() => incidents.id, { onDelete: "cascade" }),
    status: text("status", { enum: ALL_INCIDENT_STATUSES }).notNull(),
    /** Markdown, sanitised when rendered. */
    body: text("body").notNull(),
    displayAt: ms("display_at").notNull(),
    deliverNotifications: flag("deliver_notifications").notNull().default(true),
    /** When the notification for this update was written to the outbox. */
    notifiedAt: ms("notified_at"),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    apiKeyId: text("api_key_id").references(() => apiKeys.id, { onDelete: "set null" }),
    editedAt: ms("edited_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("incident_updates_incident_display_idx").on(t.incidentId, t.displayAt)],
);

/** Each affected component's old and new status, per update (the API's affected_components). */
export const incidentUpdateComponents = sqliteTable(
  "incident_update_components",
  {
    updateId: text("update_id")
      .notNull()
      .references(() => incidentUpdates.id, { onDelete: "cascade" }),
    componentId: text("component_id")
      .notNull()
      .references(() => components.id, { onDelete: "cascade" }),
    /** The component's name when the update was posted, so the timeline reads the same after a rename. */
    componentName: text("component_name").notNull(),
    oldStatus: text("old_status", { enum: COMPONENT_STATUSES }).notNull(),
    newStatus: text("new_status", { enum: COMPONENT_STATUSES }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.updateId, t.componentId] })],
);

/** The components an incident or maintenance affects. */
export const incidentComponents = sqliteTable(
  "incident_components",
  {
    incidentId: text("incident_id")
      .notNull()
      .references(() => incidents.id, { onDelete: "cascade" }),
    componentId: text("component_id")
      .notNull()
      .references(() => components.id, { onDelete: "cascade" }),
    /** The status before a maintenance window put it under maintenance; restored when the window ends. */
    statusBefore: text("status_before", { enum: COMPONENT_STATUSES }),
  },
  (t) => [
    primaryKey({ columns: [t.incidentId, t.componentId] }),
    index("incident_components_component_idx").on(t.componentId),
  ],
);

export const incidentTemplates = sqliteTable("incident_templates", {
  id: id(),
  pageId: text("page_id")
    .notNull()
    .references(() => pages.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  title: text("title").notNull(),
  body: text("body").notNull(),
  status: text("status", { enum: ALL_INCIDENT_STATUSES }).notNull().default("investigating"),
  /** JSON array of component ids to preselect. */
  componentIds: text("component_ids", { mode: "json" })
    .$type<string[]>()
    .notNull()
    .default(sql`'[]'`),
  /** The status the template's components are preset to. */
  componentStatus: text("component_status", { enum: COMPONENT_STATUSES }).notNull().default("partial_outage"),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const incidentsRelations = relations(incidents, ({ many, one }) => ({
  page: one(pages, { fields: [incidents.pageId], references: [pages.id] }),
  updates: many(incidentUpdates),
  components: many(incidentComponents),
  recurrence: one(maintenanceRecurrences, {
    fields: [incidents.recurrenceId],
    references: [maintenanceRecurrences.id],
  }),
}));

export const incidentUpdatesRelations = relations(incidentUpdates, ({ many, one }) => ({
  incident: one(incidents, { fields: [incidentUpdates.incidentId], references: [incidents.id] }),
  affectedComponents: many(incidentUpdateComponents),
}));

export const incidentUpdateComponentsRelations = relations(incidentUpdateComponents, ({ one }) => ({
  update: one(incidentUpdates, { fields: [incidentUpdateComponents.updateId], references: [incidentUpdates.id] }),
  component: one(components, { fields: [incidentUpdateComponents.componentId], references: [components.id] }),
}));

export const incidentComponentsRelations = relations(incidentComponents, ({ one }) => ({
  incident: one(incidents, { fields: [incidentComponents.incidentId], references: [incidents.id] }),
  component: one(components, { fields: [incidentComponents.componentId], references: [components.id] }),
}));

export type Incident = typeof incidents.$inferSelect;
export type IncidentUpdate = typeof incidentUpdates.$inferSelect;
export type IncidentUpdateComponent = typeof incidentUpdateComponents.$inferSelect;
export type IncidentTemplate = typeof incidentTemplates.$inferSelect;
