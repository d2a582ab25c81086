// Recurring maintenance: the rules that create a maintenance's next occurrences (rows of incidents).
import { sql } from "drizzle-orm";
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { id, ms, flag, createdAt, updatedAt } from "./columns";
import { pages } from "./page";

/** A rule that creates the next occurrences of a maintenance ahead of time. */
export const maintenanceRecurrences = sqliteTable("maintenance_recurrences", {
  id: id(),
  pageId: text("page_id")
    .notNull()
    .references(() => pages.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  body: text("body").notNull(),
  /** An RFC 5545 RRULE subset (FREQ=WEEKLY;BYDAY=SU, FREQ=MONTHLY;BYDAY=1TU), read in timeZone. */
  rule: text("rule").notNull(),
  /** Local start time "HH:MM" in timeZone. */
  startTime: text("start_time").notNull(),
  durationMinutes: integer("duration_minutes").notNull(),
  timeZone: text("time_zone").notNull(),
  componentIds: text("component_ids", { mode: "json" })
    .$type<string[]>()
    .notNull()
    .default(sql`'[]'`),
  remindBeforeMinutes: integer("remind_before_minutes"),
  autoStart: flag("auto_start").notNull().default(true),
  autoComplete: flag("auto_complete").notNull().default(true),
  /** Occurrences exist up to this time. */
  generatedUntil: ms("generated_until"),
  active: flag("active").notNull().default(true),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export type MaintenanceRecurrence = typeof maintenanceRecurrences.$inferSelect;
