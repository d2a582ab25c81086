// The service report of one period: the measures of core/service-report.ts over the rows of that period,
// and its tables as CSV. The console page and the CSV route both read this.
import type { Db } from "@/db";
import { IMPACTS, IMPACT_LABELS } from "@/db/constants";
import { serviceReportRows } from "@/db/queries/service-report";
import {
  heardFromUsFirstRate,
  helpfulShare,
  incidentsByImpact,
  meanTimeToFirstUpdate,
  meanTimeToResolve,
  parsePeriod,
  periodProblem,
} from "@/core/service-report";

export function buildServiceReport(db: Db, pageId: string, period: { from: number; to: number }) {
  const rows = serviceReportRows(db, pageId, period.from, period.to);
  const votes = rows.votes;
  return {
    incidents: rows.incidents,
    byImpact: incidentsByImpact(rows.incidents),
    timeToFirstUpdateMs: meanTimeToFirstUpdate(rows.incidents),
    mttrMs: meanTimeToResolve(rows.incidents),
    heardFromUsFirst: heardFromUsFirstRate(rows.incidents, rows.reports),
    reportCount: rows.reports.filter((r) => r.createdAt >= period.from).length,
    helpful: helpfulShare(votes),
    voteCount: votes.length,
  };
}
export type ServiceReport = ReturnType<typeof buildServiceReport>;

const cell = (v: string | number | null) => {
  const s = v === null ? "" : String(v);
  // A leading =, +, - or @ would be a formula in a spreadsheet.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};
const minutes = (ms: number | null) => (ms === null ? null : Math.round(ms / 60_000));
const percent = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);

/** Every table of the report, one CSV: the headline figures, incidents by impact, then each incident. */
export function serviceReportCsv(report: ServiceReport): string {
  const lines: (string | number | null)[][] = [
    ["measure", "value"],
    ["incidents", report.incidents.length],
    ["mean minutes to first update", minutes(report.timeToFirstUpdateMs)],
    ["mean minutes to resolution (MTTR)", minutes(report.mttrMs)],
    ["heard it from us first (%)", percent(report.heardFromUsFirst)],
    ["visitor reports", report.reportCount],
    ["helpful votes (% yes)", percent(report.helpful)],
    ["votes", report.voteCount],
    [],
    ["impact", "incidents"],
    ...IMPACTS.map((i) => [IMPACT_LABELS[i], report.byImpact[i]]),
    [],
    ["incident", "impact", "started", "minutes to first update", "minutes to resolution"],
    ...report.incidents.map((i) => [
      i.name,
      IMPACT_LABELS[i.impact],
      new Date(i.startedAt).toISOString(),
      i.firstPostedAt === null ? null : minutes(Math.max(0, i.firstPostedAt - i.startedAt)),
      i.resolvedAt === null ? null : minutes(i.resolvedAt - i.startedAt),
    ]),
  ];
  return lines.map((l) => l.map(cell).join(",")).join("\r\n") + "\r\n";
}

/** The report page's answer for a requested period (this month by default): the report, or why not. */
export function serviceReportFor(
  db: Db,
  page: { id: string; createdAt: number },
  requested: string | undefined,
  now = Date.now(),
) {
  const value = requested ?? new Date(now).toISOString().slice(0, 7);
  const period = parsePeriod(value);
  const problem = period
    ? periodProblem(period, now, page.createdAt)
    : "Choose a month (2026-11), quarter (2026-Q4) or year (2026).";
  return { value, period, problem, report: period && !problem ? buildServiceReport(db, page.id, period) : null };
}
