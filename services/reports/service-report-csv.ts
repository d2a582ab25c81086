// The service report's tables as CSV: each table on its own (the public page links one per table) or all of
// them in one file, separated by a blank line. Headers are English: a CSV is data for a spreadsheet.
import { COMPONENT_STATUS_LABELS, IMPACTS, IMPACT_LABELS, SUBSCRIBER_KINDS } from "@/db/constants";
import { DOWNTIME_STATUSES } from "@/core/service-report-measures";
import { timeToFirstUpdate } from "@/core/service-report";
import type { ServiceReport } from "./service-report";

export const REPORT_TABLES = ["headline", "services", "impact", "incidents", "planned", "reach"] as const;
export type ReportTableName = (typeof REPORT_TABLES)[number];
export const isReportTable = (v: unknown): v is ReportTableName =>
  typeof v === "string" && (REPORT_TABLES as readonly string[]).includes(v);

type Row = (string | number | null)[];

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

const TABLES: Record<ReportTableName, (r: ServiceReport) => Row[]> = {
  headline: (r) => [
    ["measure", "value"],
    ["availability (%)", percent3(r.overall.availability)],
    ["strictest target (%)", r.overall.target],
    ["days below target", r.overall.daysBelow.length],
    ["incidents", r.incidents.length],
    ["mean minutes to first update", minutes(r.timeToFirstUpdateMs)],
    ["mean minutes to resolution (MTTR)", minutes(r.mttrMs)],
    ["heard it from us first (%)", percent(r.heardFromUsFirst)],
    ["visitor reports", r.reportCount],
    ["helpful votes (% yes)", percent(r.helpful)],
    ["votes", r.voteCount],
  ],
  services: (r) => [
    [
      "service",
      "target (%)",
      "availability (%)",
      ...DOWNTIME_STATUSES.map((st) => `minutes ${COMPONENT_STATUS_LABELS[st].toLowerCase()}`),
      "days below target",
    ],
    ...r.services.map((s) => [
      s.name,
      s.target,
      percent3(s.availability),
      ...DOWNTIME_STATUSES.map((st) => s.minutes[st]),
      s.daysBelow.length,
    ]),
  ],
  impact: (r) => [["impact", "incidents"], ...IMPACTS.map((i) => [IMPACT_LABELS[i], r.byImpact[i]])],
  incidents: (r) => [
    ["incident", "impact", "started", "minutes to first update (from detection)", "minutes to resolution"],
    ...r.incidents.map((i) => [
      i.name,
      IMPACT_LABELS[i.impact],
      new Date(i.startedAt).toISOString(),
      minutes(timeToFirstUpdate(i)),
      i.resolvedAt === null ? null : minutes(i.resolvedAt - i.startedAt),
    ]),
  ],
  planned: (r) => [
    ["measure", "value"],
    ["planned work scheduled", r.planned.scheduled],
    ["planned work done", r.planned.done],
    ["planned work done within its window", r.planned.withinWindow],
    ["planned work overrun", r.planned.overrun],
    ["planned work cancelled", r.planned.cancelled],
    ["maintenance reminders sent", r.planned.remindersSent],
  ],
  reach: (r) => [
    ["measure", "value"],
    ...SUBSCRIBER_KINDS.map((k) => [`${k} subscribers`, r.reach.perChannel[k]]),
    ["notifications delivered", r.reach.delivered],
    ["median seconds from update to delivery", seconds(r.reach.medianDeliveryMs)],
  ],
};

/** One table of the report as CSV, or every table (blank line between) when none is named. */
export function serviceReportCsv(report: ServiceReport, table?: ReportTableName): string {
  const rows = table
    ? TABLES[table](report)
    : REPORT_TABLES.flatMap((t, i) => [...(i ? [[]] : []), ...TABLES[t](report)]);
  return rows.map((l) => l.map(cell).join(",")).join("\r\n") + "\r\n";
}
