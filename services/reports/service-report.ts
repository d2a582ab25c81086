// The service report of one period: the measures of core/service-report.ts over the rows of that period,
// and its tables as CSV. The console page and the CSV route both read this.
import type { Db } from "@/db";
import { COMPONENT_STATUS_LABELS, IMPACTS, IMPACT_LABELS, SUBSCRIBER_KINDS, type Audience } from "@/db/constants";
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
  DOWNTIME_STATUSES,
  overallAvailability,
  plannedWork,
  reach,
  serviceAvailability,
} from "@/core/service-report-measures";
import {
  heardFromUsFirstRate,
  helpfulShare,
  incidentsByImpact,
  meanTimeToFirstUpdate,
  meanTimeToResolve,
  parsePeriod,
  periodProblem,
  timeToFirstUpdate,
} from "@/core/service-report";

/**
 * The console asks for the "internal" audience and sees everything; /report asks for "public" and gets only
 * what core/audience.ts lets the public see: no internal service, incident, or figure drawn from them.
 */
export function buildServiceReport(
  db: Db,
  pageId: string,
  period: { from: number; to: number },
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
  const services = reportServices(db, pageId, hidden, period.from, period.to).map((s) => ({
    name: s.name,
    ...serviceAvailability(s, s.changes, period, now),
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
// Availability needs three decimals of a percent to tell 99.9 from 99.95; floored, never rounded up to 100.
const percent3 = (share: number | null) => (share === null ? null : Math.floor(share * 100_000) / 1000);
const seconds = (ms: number | null) => (ms === null ? null : Math.round(ms / 1000));

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
    ["availability (%)", percent3(report.overall.availability)],
    ["days below target", report.overall.daysBelow.length],
    ["planned work scheduled", report.planned.scheduled],
    ["planned work done", report.planned.done],
    ["planned work done within its window", report.planned.withinWindow],
    ["planned work overrun", report.planned.overrun],
    ["planned work cancelled", report.planned.cancelled],
    ["maintenance reminders sent", report.planned.remindersSent],
    ["notifications delivered", report.reach.delivered],
    ["median seconds from update to delivery", seconds(report.reach.medianDeliveryMs)],
    ...SUBSCRIBER_KINDS.map((k) => [`${k} subscribers`, report.reach.perChannel[k]]),
    [],
    [
      "service",
      "target (%)",
      "availability (%)",
      ...DOWNTIME_STATUSES.map((st) => `minutes ${COMPONENT_STATUS_LABELS[st].toLowerCase()}`),
      "days below target",
    ],
    ...report.services.map((s) => [
      s.name,
      s.target,
      percent3(s.availability),
      ...DOWNTIME_STATUSES.map((st) => s.minutes[st]),
      s.daysBelow.length,
    ]),
    [],
    ["impact", "incidents"],
    ...IMPACTS.map((i) => [IMPACT_LABELS[i], report.byImpact[i]]),
    [],
    ["incident", "impact", "started", "minutes to first update (from detection)", "minutes to resolution"],
    ...report.incidents.map((i) => [
      i.name,
      IMPACT_LABELS[i.impact],
      new Date(i.startedAt).toISOString(),
      minutes(timeToFirstUpdate(i)),
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
  audience: Audience = "internal",
) {
  const value = requested ?? new Date(now).toISOString().slice(0, 7);
  const period = parsePeriod(value);
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
