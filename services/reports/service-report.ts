// The service report of one period: the measures of core/service-report.ts over the rows of that period,
// and its tables as CSV. The console page and the CSV route both read this.
import type { Db } from "@/db";
import type { Audience } from "@/db/constants";
import { hiddenFor } from "@/db/queries/audience";
import { serviceReportRows } from "@/db/queries/service-report";
import {
  deliveredInPeriod,
  detectionClaims,
  reportMaintenances,
  reportServices,
  subscriberKinds,
} from "@/db/queries/service-report-measures";
import {
  detectedAt,
  overallAvailability,
  plannedWork,
  reach,
  serviceAvailability,
} from "@/core/service-report-measures";
import {
  heardFromUsFirstRate,
  incidentsByImpact,
  meanTimeToFirstUpdate,
  meanTimeToResolve,
} from "@/core/service-report";
import { currentMonth, parsePeriod, periodDays, periodProblem, type ReportPeriod } from "@/core/report-period";

/**
 * The console asks for the "internal" audience and sees everything; /report asks for "public" and gets only
 * what core/audience.ts lets the public see: no internal service, incident, or figure drawn from them.
 */
export function buildServiceReport(
  db: Db,
  pageId: string,
  period: Pick<ReportPeriod, "from" | "to" | "timeZone">,
  { audience = "internal", now = Date.now() }: { audience?: Audience; now?: number } = {},
) {
  const hidden = hiddenFor(db, pageId, audience);
  const rows = serviceReportRows(db, pageId, period.from, period.to, hidden);
  const claims = detectionClaims(
    db,
    [...new Set(rows.incidents.flatMap((i) => i.componentIds))],
    period.from,
    period.to,
  );
  const incidents = rows.incidents.map((i) => ({ ...i, detectedAt: detectedAt(i, claims) }));
  const days = periodDays(period);
  const services = reportServices(db, pageId, hidden, period.from, period.to).map((s) => ({
    name: s.name,
    ...serviceAvailability(s, s.changes, period, now, days),
  }));
  const votes = rows.votes;
  return {
    services,
    overall: overallAvailability(services),
    planned: plannedWork(reportMaintenances(db, pageId, hidden, period.from, period.to), now),
    reach: reach(subscriberKinds(db, pageId, period.to), deliveredInPeriod(db, pageId, hidden, period.from, period.to)),
    incidents,
    byImpact: incidentsByImpact(incidents),
    timeToFirstUpdateMs: meanTimeToFirstUpdate(incidents),
    mttrMs: meanTimeToResolve(rows.incidents),
    heardFromUsFirst: heardFromUsFirstRate(rows.incidents, rows.reports),
    reportCount: rows.reports.filter((r) => r.createdAt >= period.from).length,
    helpful: votes.total ? votes.yes / votes.total : null,
    voteCount: votes.total,
  };
}
export type ServiceReport = ReturnType<typeof buildServiceReport>;
export { serviceReportCsv } from "./service-report-csv";

/**
 * The report page's answer for a requested period (this month by default): the report, or why not. Periods
 * are the page's calendar (its time zone), like every date the page shows.
 */
export function serviceReportFor(
  db: Db,
  page: { id: string; createdAt: number; timeZone: string },
  requested: string | undefined,
  now = Date.now(),
  audience: Audience = "internal",
) {
  const value = requested ?? currentMonth(now, page.timeZone);
  const period = parsePeriod(value, page.timeZone);
  const problem = period
    ? periodProblem(period, now, page.createdAt)
    : "Choose a month (2026-11), quarter (2026-Q4) or year (2026).";
  return {
    value,
    period,
    problem,
    report: period && !problem ? buildServiceReport(db, page.id, period, { audience, now }) : null,
  };
}
