// The service report's tables as CSV: each table on its own (the public page links one per table) or all of
// them in one file, separated by a blank line. The words (headers, impacts, channels) are the reader's
// language (namespace report-csv; the console downloads English); numbers and instants stay machine-readable
// in every language: a dot for decimals, no thousands separator, ISO 8601 in UTC, so any spreadsheet reads them.
import { IMPACTS, SUBSCRIBER_KINDS } from "@/db/constants";
import { DEFAULT_LOCALE, type Locale } from "@/core/i18n/locales";
import { translator } from "@/core/i18n/translate";
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

type T = ReturnType<typeof translator<"report-csv">>;

const TABLES: Record<ReportTableName, (r: ServiceReport, t: T) => Row[]> = {
  headline: (r, t) => [
    [t("headline.measure"), t("headline.value")],
    [t("headline.availability"), percent3(r.overall.availability)],
    [t("headline.target"), r.overall.target],
    [t("headline.daysBelow"), r.overall.daysBelow.length],
    [t("headline.incidents"), r.incidents.length],
    [t("headline.firstUpdate"), minutes(r.timeToFirstUpdateMs)],
    [t("headline.mttr"), minutes(r.mttrMs)],
    [t("headline.heardFirst"), percent(r.heardFromUsFirst)],
    [t("headline.reports"), r.reportCount],
    [t("headline.helpful"), percent(r.helpful)],
    [t("headline.votes"), r.voteCount],
  ],
  services: (r, t) => [
    [
      t("services.service"),
      t("services.target"),
      t("services.availability"),
      ...DOWNTIME_STATUSES.map((st) => t(`services.${st}`)),
      t("services.daysBelow"),
    ],
    ...r.services.map((s) => [
      s.name,
      s.target,
      percent3(s.availability),
      ...DOWNTIME_STATUSES.map((st) => s.minutes[st]),
      s.daysBelow.length,
    ]),
  ],
  impact: (r, t) => [
    [t("impact.impact"), t("impact.incidents")],
    ...IMPACTS.map((i) => [t(`impact.${i}`), r.byImpact[i]]),
  ],
  incidents: (r, t) => {
    const impact = Object.fromEntries(IMPACTS.map((i) => [i, t(`impact.${i}`)]));
    return [
      [
        t("incidents.incident"),
        t("incidents.impact"),
        t("incidents.started"),
        t("incidents.firstUpdate"),
        t("incidents.resolution"),
      ],
      ...r.incidents.map((i) => [
        i.name,
        impact[i.impact],
        new Date(i.startedAt).toISOString(),
        minutes(timeToFirstUpdate(i)),
        i.resolvedAt === null ? null : minutes(i.resolvedAt - i.startedAt),
      ]),
    ];
  },
  planned: (r, t) => [
    [t("planned.measure"), t("planned.value")],
    [t("planned.scheduled"), r.planned.scheduled],
    [t("planned.done"), r.planned.done],
    [t("planned.withinWindow"), r.planned.withinWindow],
    [t("planned.overrun"), r.planned.overrun],
    [t("planned.cancelled"), r.planned.cancelled],
    [t("planned.reminders"), r.planned.remindersSent],
  ],
  reach: (r, t) => [
    [t("reach.measure"), t("reach.value")],
    ...SUBSCRIBER_KINDS.map((k) => [t(`reach.${k}`), r.reach.perChannel[k]]),
    [t("reach.delivered"), r.reach.delivered],
    [t("reach.median"), seconds(r.reach.medianDeliveryMs)],
  ],
};

/** One table of the report as CSV, or every table (blank line between) when none is named. */
export function serviceReportCsv(
  report: ServiceReport,
  table?: ReportTableName,
  locale: Locale = DEFAULT_LOCALE,
): string {
  const t = translator(locale, "report-csv");
  const rows = table
    ? TABLES[table](report, t)
    : REPORT_TABLES.flatMap((name, i) => [...(i ? [[]] : []), ...TABLES[name](report, t)]);
  return rows.map((l) => l.map(cell).join(",")).join("\r\n") + "\r\n";
}
