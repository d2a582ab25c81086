// Reads of visitor reports: the service a visitor may report on, the counts the spike rule needs, and the
// console's triage lists.
import { and, count, desc, eq, gte, inArray, isNotNull, isNull, lte, or, sql } from "drizzle-orm";
import { UNRESOLVED_INCIDENT_STATUSES, type Audience, type ReportState } from "@/db/constants";
import { hiddenFor } from "./audience";
import type { Tx } from "../index";
import { components, deliveries, incidentComponents, incidents, reportSpikes, users, visitorReports } from "../schema";

/**
 * The service a visitor may report on: on this page and not deleted. The one place that decides it, so an
 * internal service (when audiences exist) is refused here too, with the same "unknown" answer.
 */
export function reportableComponent(tx: Tx, pageId: string, componentId: string, audience: Audience = "public") {
  if (hiddenFor(tx, pageId, audience).componentIds.has(componentId)) return undefined;
  return tx
    .select({ id: components.id, name: components.name })
    .from(components)
    .where(and(eq(components.id, componentId), eq(components.pageId, pageId), isNull(components.deletedAt)))
    .get();
}

/** Reports about one service since `since` (the spike window). */
export function countReportsSince(tx: Tx, componentId: string, since: number): number {
  return (
    tx
      .select({ n: count() })
      .from(visitorReports)
      .where(and(eq(visitorReports.componentId, componentId), gte(visitorReports.createdAt, since)))
      .get()?.n ?? 0
  );
}

/** The newest spike of a service, to tell whether a new report continues it. */
export function latestSpike(tx: Tx, componentId: string) {
  return tx
    .select()
    .from(reportSpikes)
    .where(eq(reportSpikes.componentId, componentId))
    .orderBy(desc(reportSpikes.lastReportAt))
    .limit(1)
    .get();
}

/** Unresolved incidents affecting a service, newest first: the ones a visitor sees before reporting. */
export function openIncidentIdsFor(tx: Tx, pageId: string, componentId: string): string[] {
  return tx
    .select({ id: incidents.id })
    .from(incidents)
    .innerJoin(incidentComponents, eq(incidentComponents.incidentId, incidents.id))
    .where(
      and(
        eq(incidents.pageId, pageId),
        eq(incidents.kind, "incident"),
        eq(incidentComponents.componentId, componentId),
        inArray(incidents.status, [...UNRESOLVED_INCIDENT_STATUSES]),
      ),
    )
    .orderBy(desc(incidents.startedAt))
    .all()
    .map((r) => r.id);
}

export interface TriageReport {
  id: string;
  componentId: string | null;
  componentName: string | null;
  problem: (typeof visitorReports.$inferSelect)["problem"];
  details: string;
  hasEmail: boolean;
  state: ReportState;
  incidentId: string | null;
  createdAt: number;
}

/** Reports in one state, newest first, up to `limit` (the triage page pages by time, not by offset). */
export function listReports(tx: Tx, pageId: string, state: ReportState, limit: number): TriageReport[] {
  return tx
    .select({
      id: visitorReports.id,
      componentId: visitorReports.componentId,
      componentName: components.name,
      problem: visitorReports.problem,
      details: visitorReports.details,
      hasEmail: sql<boolean>`${visitorReports.email} is not null`.mapWith(Boolean),
      state: visitorReports.state,
      incidentId: visitorReports.incidentId,
      createdAt: visitorReports.createdAt,
    })
    .from(visitorReports)
    .leftJoin(components, eq(components.id, visitorReports.componentId))
    .where(and(eq(visitorReports.pageId, pageId), eq(visitorReports.state, state)))
    .orderBy(desc(visitorReports.createdAt), desc(visitorReports.id))
    .limit(limit)
    .all();
}

/** The open reports of one triage group: a service (or none) between two times. */
export function openReportIdsBetween(
  tx: Tx,
  pageId: string,
  componentId: string | null,
  from: number,
  to: number,
): string[] {
  return tx
    .select({ id: visitorReports.id })
    .from(visitorReports)
    .where(
      and(
        eq(visitorReports.pageId, pageId),
        componentId === null ? isNull(visitorReports.componentId) : eq(visitorReports.componentId, componentId),
        eq(visitorReports.state, "open"),
        gte(visitorReports.createdAt, from),
        lte(visitorReports.createdAt, to),
      ),
    )
    .all()
    .map((r) => r.id);
}

/** Spikes that still have open reports: the console overview shows them until someone acts on them. */
export function unattendedSpikes(tx: Tx, pageId: string) {
  return tx
    .select({
      id: reportSpikes.id,
      componentId: reportSpikes.componentId,
      componentName: components.name,
      startedAt: reportSpikes.startedAt,
      lastReportAt: reportSpikes.lastReportAt,
      reportCount: reportSpikes.reportCount,
    })
    .from(reportSpikes)
    .innerJoin(components, eq(components.id, reportSpikes.componentId))
    .where(
      and(
        eq(reportSpikes.pageId, pageId),
        sql`exists (select 1 from ${visitorReports} where ${visitorReports.componentId} = ${reportSpikes.componentId}
          and ${visitorReports.state} = 'open' and ${visitorReports.createdAt} >= ${reportSpikes.startedAt})`,
      ),
    )
    .orderBy(desc(reportSpikes.lastReportAt))
    .all();
}

/** Reports of a resolved incident whose reporter left an address and has not been thanked yet. */
export function reportsAwaitingThanks(tx: Tx, incidentId: string) {
  return tx
    .select({ id: visitorReports.id, pageId: visitorReports.pageId, email: visitorReports.email })
    .from(visitorReports)
    .where(
      and(
        eq(visitorReports.incidentId, incidentId),
        isNotNull(visitorReports.email),
        isNull(visitorReports.thanksQueuedAt),
      ),
    )
    .all()
    .filter((r): r is { id: string; pageId: string; email: string } => r.email !== null);
}

/**
 * Reports whose address may go: its thank-you was handed over (every delivery of that notification is
 * done, sent or failed for good), or it is older than `before`.
 */
export function reportsWithAddressToRemove(tx: Tx, before: number, limit = 500): string[] {
  const delivered = sql`${visitorReports.thanksNotificationId} is not null and not exists (
    select 1 from ${deliveries} where ${deliveries.notificationId} = ${visitorReports.thanksNotificationId}
      and ${deliveries.state} not in ('sent', 'failed'))
    and exists (select 1 from ${deliveries} where ${deliveries.notificationId} = ${visitorReports.thanksNotificationId})`;
  return tx
    .select({ id: visitorReports.id })
    .from(visitorReports)
    .where(and(isNotNull(visitorReports.email), or(delivered, lte(visitorReports.createdAt, before))))
    .limit(limit)
    .all()
    .map((r) => r.id);
}

/** The addresses a thank-you notification goes to (read at fan-out, while they still exist). */
export function thanksAddresses(tx: Tx, notificationId: string): string[] {
  const rows = tx
    .select({ email: visitorReports.email })
    .from(visitorReports)
    .where(and(eq(visitorReports.thanksNotificationId, notificationId), isNotNull(visitorReports.email)))
    .all();
  return [...new Set(rows.map((r) => r.email!))];
}

/** Team members who asked to be emailed about a spike of visitor reports. */
export function reportSpikeAddresses(tx: Tx): string[] {
  return tx
    .select({ email: users.email })
    .from(users)
    .where(eq(users.notifyOnReportSpike, true))
    .orderBy(users.email)
    .all()
    .map((u) => u.email);
}

/** Whether a member asked to be emailed about spikes. */
export function wantsReportSpikeAlerts(tx: Tx, userId: string): boolean {
  return tx.select({ on: users.notifyOnReportSpike }).from(users).where(eq(users.id, userId)).get()?.on ?? false;
}
