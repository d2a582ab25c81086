// What visitors tell us: problem reports, spikes of them, and votes on whether an update helped.
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { REPORT_PROBLEMS, REPORT_STATES } from "../constants";
import { id, ms, flag, createdAt, updatedAt } from "./columns";
import { components } from "./components";
import { incidents, incidentUpdates } from "./incidents";
import { notifications } from "./outbox";
import { pages } from "./page";
import { users } from "./team";

/**
 * "Something not working?" from a visitor. The address is personal data: kept only until the thank-you is
 * sent or REPORT_LIMITS.addressDays have passed (services/reports/address-retention.ts); the text stays.
 */
export const visitorReports = sqliteTable(
  "visitor_reports",
  {
    id: id(),
    pageId: text("page_id")
      .notNull()
      .references(() => pages.id, { onDelete: "cascade" }),
    /** Null: "something else", no particular service. */
    componentId: text("component_id").references(() => components.id, { onDelete: "set null" }),
    problem: text("problem", { enum: REPORT_PROBLEMS }).notNull(),
    details: text("details").notNull().default(""),
    /** Lower-cased; null when none was given or once it was removed. */
    email: text("email"),
    emailRemovedAt: ms("email_removed_at"),
    state: text("state", { enum: REPORT_STATES }).notNull().default("open"),
    /** The incident the report belongs to: open when it was sent, or declared from its triage group. */
    incidentId: text("incident_id").references(() => incidents.id, { onDelete: "set null" }),
    /** The thank-you notification, queued once when the incident was resolved. */
    thanksNotificationId: text("thanks_notification_id").references(() => notifications.id, {
      onDelete: "set null",
    }),
    thanksQueuedAt: ms("thanks_queued_at"),
    handledAt: ms("handled_at"),
    handledBy: text("handled_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("visitor_reports_page_created_idx").on(t.pageId, t.createdAt),
    index("visitor_reports_component_created_idx").on(t.componentId, t.createdAt),
    index("visitor_reports_incident_idx").on(t.incidentId),
  ],
);

/** One row per spike of reports about a service, so the team is emailed once per spike, not per report. */
export const reportSpikes = sqliteTable(
  "report_spikes",
  {
    id: id(),
    pageId: text("page_id")
      .notNull()
      .references(() => pages.id, { onDelete: "cascade" }),
    componentId: text("component_id")
      .notNull()
      .references(() => components.id, { onDelete: "cascade" }),
    startedAt: ms("started_at").notNull(),
    /** The spike lasts while reports keep coming within the page's spike window of this. */
    lastReportAt: ms("last_report_at").notNull(),
    reportCount: integer("report_count").notNull(),
    /** When the team alert was queued; null when nobody had opted in. */
    alertedAt: ms("alerted_at"),
  },
  (t) => [index("report_spikes_component_last_idx").on(t.componentId, t.lastReportAt)],
);

/**
 * "Was this update helpful?": one vote per update per voter, changeable. The voter is a subscriber
 * (`s:<id>`, from the signed link in their email) or a visitor (`v:<hash of a random cookie>`); no account.
 */
export const updateVotes = sqliteTable(
  "update_votes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    updateId: text("update_id")
      .notNull()
      .references(() => incidentUpdates.id, { onDelete: "cascade" }),
    voterKey: text("voter_key").notNull(),
    helpful: flag("helpful").notNull(),
    /** Only with a "No": what was missing. */
    comment: text("comment"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("update_votes_update_voter_unique").on(t.updateId, t.voterKey)],
);

export type VisitorReport = typeof visitorReports.$inferSelect;
export type ReportSpike = typeof reportSpikes.$inferSelect;
export type UpdateVote = typeof updateVotes.$inferSelect;
