// Services (components), their groups and every change of their status.
import { relations } from "drizzle-orm";
import { index, integer, real, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { CLAIM_SOURCES, COMPONENT_STATUSES, STATUS_SOURCES, ITEM_VISIBILITIES } from "../constants";
import { id, ms, flag, createdAt, updatedAt } from "./columns";
import { incidents } from "./incidents";
import { pages } from "./page";
import { users, apiKeys } from "./team";

export const componentGroups = sqliteTable(
  "component_groups",
  {
    id: id(),
    pageId: text("page_id")
      .notNull()
      .references(() => pages.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description"),
    /** 1-based, shared with the ungrouped components: both are top-level rows of the page. */
    position: integer("position").notNull(),
    /** On a mixed page, internal groups (and every service in them) are for viewers only. */
    visibility: text("visibility", { enum: ITEM_VISIBILITIES }).notNull().default("public"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("component_groups_page_position_idx").on(t.pageId, t.position)],
);

export const components = sqliteTable(
  "components",
  {
    id: id(),
    pageId: text("page_id")
      .notNull()
      .references(() => pages.id, { onDelete: "cascade" }),
    groupId: text("group_id").references(() => componentGroups.id, { onDelete: "set null" }),
    name: text("name").notNull(),
    description: text("description"),
    /** 1-based within its group, or among the top-level rows when ungrouped. */
    position: integer("position").notNull(),
    /** Show uptime bars for this component. */
    showcase: flag("showcase").notNull().default(true),
    onlyShowIfDegraded: flag("only_show_if_degraded").notNull().default(false),
    /** Show a small response-time chart on the public page, from the roll-ups of the service's monitors. */
    showResponseTime: flag("show_response_time").notNull().default(false),
    /** "YYYY-MM-DD"; days before it show as "no data" in the uptime bars. */
    startDate: text("start_date"),
    /**
     * The current status: a cache of the newest row of component_status_changes for this component,
     * written in the same transaction as that row (db/writes/component-status.ts), never on its own.
     */
    status: text("status", { enum: COMPONENT_STATUSES }).notNull().default("operational"),
    /** On a mixed page, internal services are for viewers only (core/audience.ts). */
    visibility: text("visibility", { enum: ITEM_VISIBILITIES }).notNull().default("public"),
    /** Availability target in percent (0 < t <= 100) the service report measures against. */
    availabilityTarget: real("availability_target").notNull().default(99.9),
    /** Soft delete: past incidents keep naming the component. */
    deletedAt: ms("deleted_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("components_page_group_position_idx").on(t.pageId, t.groupId, t.position),
    index("components_group_idx").on(t.groupId),
  ],
);

/** Every change of a component's status. Uptime and "what happened when" are derived from these rows. */
export const componentStatusChanges = sqliteTable(
  "component_status_changes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    componentId: text("component_id")
      .notNull()
      .references(() => components.id, { onDelete: "cascade" }),
    status: text("status", { enum: COMPONENT_STATUSES }).notNull(),
    previousStatus: text("previous_status", { enum: COMPONENT_STATUSES }),
    /** When the component entered this status; it lasts until the next row of the same component. */
    at: ms("at").notNull(),
    source: text("source", { enum: STATUS_SOURCES }).notNull(),
    incidentId: text("incident_id").references(() => incidents.id, { onDelete: "set null" }),
    userId: text("user_id").references(() => users.id, { onDelete: "set null" }),
    apiKeyId: text("api_key_id").references(() => apiKeys.id, { onDelete: "set null" }),
    /** For source "automation": which kind of claimant made the change, and its id (a monitor or an integration). */
    claimSource: text("claim_source", { enum: CLAIM_SOURCES }),
    claimSourceId: text("claim_source_id"),
  },
  (t) => [
    index("component_status_changes_component_at_idx").on(t.componentId, t.at),
    index("component_status_changes_at_idx").on(t.at),
  ],
);

export const componentGroupsRelations = relations(componentGroups, ({ many, one }) => ({
  page: one(pages, { fields: [componentGroups.pageId], references: [pages.id] }),
  components: many(components),
}));

export const componentsRelations = relations(components, ({ many, one }) => ({
  page: one(pages, { fields: [components.pageId], references: [pages.id] }),
  group: one(componentGroups, { fields: [components.groupId], references: [componentGroups.id] }),
  statusChanges: many(componentStatusChanges),
}));

export const componentStatusChangesRelations = relations(componentStatusChanges, ({ one }) => ({
  component: one(components, { fields: [componentStatusChanges.componentId], references: [components.id] }),
  incident: one(incidents, { fields: [componentStatusChanges.incidentId], references: [incidents.id] }),
}));

export type ComponentGroup = typeof componentGroups.$inferSelect;
export type Component = typeof components.$inferSelect;
export type ComponentStatusChange = typeof componentStatusChanges.$inferSelect;
