// What the triage page shows: reports grouped by service and burst (core/visitor-reports.ts), newest first.
import type { Db } from "@/db";
import { REPORT_LIMITS, type ReportState } from "@/db/constants";
import { listReports, type TriageReport } from "@/db/queries/visitor-reports";
import { MINUTE } from "@/core/time";
import { groupReports, type GroupRef, type ReportGroup } from "@/core/visitor-reports";

/** The newest reports the page groups; older ones are in the statistics, not the triage list. */
export const TRIAGE_LIMIT = 2_000;

export interface TriageGroup extends ReportGroup<TriageReport> {
  componentName: string | null;
}

export function triageGroups(db: Db, pageId: string, state: ReportState = "open"): TriageGroup[] {
  const reports = listReports(db, pageId, state, TRIAGE_LIMIT);
  return groupReports(reports, REPORT_LIMITS.groupGapMinutes * MINUTE).map((g) => ({
    ...g,
    componentName: g.reports[0]?.componentName ?? null,
  }));
}

/** The open reports of one group, newest first. */
export function listReportsOfGroup(db: Db, pageId: string, group: GroupRef): TriageReport[] {
  return listReports(db, pageId, "open", TRIAGE_LIMIT).filter(
    (r) => r.componentId === group.componentId && r.createdAt >= group.from && r.createdAt <= group.to,
  );
}
