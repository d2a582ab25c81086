// Writes of visitor reports and their spikes. Each takes the caller's transaction.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { ReportProblem, ReportState } from "@/db/constants";
import { newId } from "@/core/ids";
import type { Tx } from "../index";
import { pages, reportSpikes, users, visitorReports } from "../schema";

export interface NewReport {
  pageId: string;
  componentId: string | null;
  problem: ReportProblem;
  details: string;
  email: string | null;
  incidentId: string | null;
  at: number;
}

export function insertReport(tx: Tx, input: NewReport): string {
  const id = newId();
  tx.insert(visitorReports)
    .values({
      id,
      pageId: input.pageId,
      componentId: input.componentId,
      problem: input.problem,
      details: input.details,
      email: input.email,
      incidentId: input.incidentId,
      createdAt: input.at,
      updatedAt: input.at,
    })
    .run();
  return id;
}

export function startSpike(
  tx: Tx,
  pageId: string,
  componentId: string,
  startedAt: number,
  reportCount: number,
  at: number,
) {
  const id = newId();
  tx.insert(reportSpikes).values({ id, pageId, componentId, startedAt, lastReportAt: at, reportCount }).run();
  return id;
}

export function continueSpike(tx: Tx, spikeId: string, reportCount: number, at: number) {
  tx.update(reportSpikes).set({ lastReportAt: at, reportCount }).where(eq(reportSpikes.id, spikeId)).run();
}

export function markSpikeAlerted(tx: Tx, spikeId: string, at: number) {
  tx.update(reportSpikes).set({ alertedAt: at }).where(eq(reportSpikes.id, spikeId)).run();
}

/** Marks open reports handled or dismissed (and, when given, attaches them to an incident). */
export function setReportsState(
  tx: Tx,
  ids: readonly string[],
  state: Exclude<ReportState, "open">,
  by: { userId: string | null; incidentId?: string | null },
  at: number,
): number {
  if (ids.length === 0) return 0;
  const set: Partial<typeof visitorReports.$inferInsert> = {
    state,
    handledAt: at,
    handledBy: by.userId,
    updatedAt: at,
  };
  // A report already attached to an open incident keeps it.
  if (by.incidentId) set.incidentId = sql`coalesce(${visitorReports.incidentId}, ${by.incidentId})` as never;
  return tx
    .update(visitorReports)
    .set(set)
    .where(and(inArray(visitorReports.id, [...ids]), eq(visitorReports.state, "open")))
    .run().changes;
}

export function markThanksQueued(tx: Tx, ids: readonly string[], notificationId: string, at: number) {
  if (ids.length === 0) return;
  tx.update(visitorReports)
    .set({ thanksNotificationId: notificationId, thanksQueuedAt: at, updatedAt: at })
    .where(inArray(visitorReports.id, [...ids]))
    .run();
}

/** Removes the addresses (the text stays for the statistics). */
export function removeReportAddresses(tx: Tx, ids: readonly string[], at: number): number {
  if (ids.length === 0) return 0;
  return tx
    .update(visitorReports)
    .set({ email: null, emailRemovedAt: at, updatedAt: at })
    .where(inArray(visitorReports.id, [...ids]))
    .run().changes;
}

export function setSpikeRule(tx: Tx, pageId: string, rule: { threshold: number; minutes: number }, at: number) {
  tx.update(pages)
    .set({ reportSpikeThreshold: rule.threshold, reportSpikeMinutes: rule.minutes, updatedAt: at })
    .where(eq(pages.id, pageId))
    .run();
}

export function setReportSpikeOptIn(tx: Tx, userId: string, on: boolean, at: number): void {
  tx.update(users).set({ notifyOnReportSpike: on, updatedAt: at }).where(eq(users.id, userId)).run();
}
