// The rows the service report measures (core/service-report.ts): a period's incidents with their first
// posting and services, the visitor reports around them, and the votes on their updates. Four queries.
import { and, eq, gte, inArray, lt, sql } from "drizzle-orm";
import type { Impact } from "@/db/constants";
import { NOTHING_HIDDEN, type Hidden } from "@/core/audience";
import { REPORT_LEAD_MS, type ReportIncident } from "@/core/service-report";
import type { Tx } from "../index";
import { notHidden } from "./audience";
import { incidentComponents, incidents, incidentUpdates, updateVotes, visitorReports } from "../schema";

/** `hidden`: what the audience may not see (hiddenFor); the console passes nothing and sees everything. */
export function serviceReportRows(tx: Tx, pageId: string, from: number, to: number, hidden: Hidden = NOTHING_HIDDEN) {
  const rows = tx
    .select({
      id: incidents.id,
      name: incidents.name,
      impact: incidents.impact,
      startedAt: incidents.startedAt,
      resolvedAt: incidents.resolvedAt,
      // Written out: inside a one-table select drizzle leaves columns unqualified, and "id" would mean the update's.
      firstPostedAt: sql<
        number | null
      >`(select min(u.created_at) from incident_updates u where u.incident_id = "incidents"."id")`,
    })
    .from(incidents)
    .where(
      and(
        eq(incidents.pageId, pageId),
        eq(incidents.kind, "incident"),
        gte(incidents.startedAt, from),
        lt(incidents.startedAt, to),
        notHidden(incidents.id, hidden.incidentIds),
      ),
    )
    .orderBy(incidents.startedAt)
    .all();
  const ids = rows.map((r) => r.id);
  const affected = ids.length
    ? tx
        .select({ incidentId: incidentComponents.incidentId, componentId: incidentComponents.componentId })
        .from(incidentComponents)
        .where(inArray(incidentComponents.incidentId, ids))
        .all()
    : [];
  const list: (ReportIncident & { name: string })[] = rows.map((r) => ({
    ...r,
    impact: (r.impact === "maintenance" ? "none" : r.impact) as Impact,
    firstPostedAt: r.firstPostedAt === null ? null : Number(r.firstPostedAt),
    componentIds: affected.filter((a) => a.incidentId === r.id).map((a) => a.componentId),
  }));
  const reports = tx
    .select({ componentId: visitorReports.componentId, createdAt: visitorReports.createdAt })
    .from(visitorReports)
    .where(
      and(
        eq(visitorReports.pageId, pageId),
        gte(visitorReports.createdAt, from - REPORT_LEAD_MS),
        lt(visitorReports.createdAt, to),
      ),
    )
    .all()
    .filter((r) => r.componentId === null || !hidden.componentIds.has(r.componentId));
  // Counted in SQL: a year can hold tens of thousands of votes, and only the two sums matter.
  const votes = ids.length
    ? tx
        .select({
          total: sql<number>`count(*)`,
          yes: sql<number>`coalesce(sum(${updateVotes.helpful}), 0)`,
        })
        .from(updateVotes)
        .innerJoin(incidentUpdates, eq(incidentUpdates.id, updateVotes.updateId))
        .where(inArray(incidentUpdates.incidentId, ids))
        .get()!
    : { total: 0, yes: 0 };
  return { incidents: list, reports, votes: { total: Number(votes.total), yes: Number(votes.yes) } };
}
