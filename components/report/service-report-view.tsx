// The service report's sections, for the public /report (in the visitor's language) and the console (English):
// headline figures, availability per service against its target, incidents by impact and one by one, planned
// work and reach. Each chart is server-rendered SVG with a table of the same figures beside it and a CSV link.
import { IMPACTS, SUBSCRIBER_KINDS, type Impact } from "@/db/constants";
import { DEFAULT_LOCALE, type Locale } from "@/core/i18n/locales";
import { translator } from "@/core/i18n/translate";
import { timeToFirstUpdate } from "@/core/service-report";
import type { ServiceReport } from "@/services/reports/service-report";
import { BarChart } from "./bar-chart";

export type ReportTable = "headline" | "services" | "impact" | "incidents" | "planned" | "reach";

const IMPACT_COLOURS = { none: "#64748b", minor: "#ca8a04", major: "#ea580c", critical: "#dc2626" } as const;
const th = "py-1 pr-4 text-left align-bottom font-semibold";
const td = "py-1 pr-4 align-top";
const num = "py-1 pr-4 text-right align-top tabular-nums";

/**
 * Number and date formats built once per language and zone: a year's report formats thousands of figures, and
 * constructing an Intl format per figure was most of its render time.
 */
const formats = new Map<string, ReturnType<typeof makeFormats>>();
function makeFormats(locale: Locale, timeZone: string) {
  const cache = new Map<string, Intl.NumberFormat>();
  const started = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone });
  return {
    number(value: number, options: Intl.NumberFormatOptions = {}) {
      const key = JSON.stringify(options);
      let nf = cache.get(key);
      if (!nf) cache.set(key, (nf = new Intl.NumberFormat(locale, options)));
      return nf.format(value);
    },
    started: (at: number) => started.format(at),
  };
}
function cachedFormats(locale: Locale, timeZone: string) {
  const key = `${locale} ${timeZone}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = makeFormats(locale, timeZone)));
  return f;
}

/** The availability chart's axis starts a little below the lowest figure, in whole percent, at most 99%. */
function availabilityAxis(services: readonly { availability: number | null }[]): number {
  const lowest = Math.min(1, ...services.map((s) => s.availability ?? 1));
  return Math.max(0, Math.min(0.99, Math.floor(lowest * 100 - 1) / 100));
}

export function ServiceReportView({
  report,
  timeZone,
  locale = DEFAULT_LOCALE,
  csvHref,
  incidentHref,
}: {
  report: ServiceReport;
  timeZone: string;
  locale?: Locale;
  csvHref: (table: ReportTable) => string;
  incidentHref: (id: string) => string;
}) {
  const t = translator(locale, "report", timeZone);
  const f = cachedFormats(locale, timeZone);
  const dash = t("noData");
  // Once, not per incident row: a translated message is compiled on each call.
  const impactLabel = Object.fromEntries(IMPACTS.map((i) => [i, t(`impact.${i}`)])) as Record<Impact, string>;
  const notPosted = t("incidents.notPosted");
  const open = t("incidents.open");
  const share = (v: number | null) => (v === null ? dash : f.number(v, { style: "percent", maximumFractionDigits: 1 }));
  // Availability floored to a thousandth of a percent: 99.9995% must not read as 100%.
  const avail = (v: number | null) =>
    v === null ? dash : f.number(Math.floor(v * 100_000) / 100_000, { style: "percent", maximumFractionDigits: 3 });
  const target = (pct: number) => f.number(pct / 100, { style: "percent", maximumFractionDigits: 3 });
  const duration = (ms: number | null) => {
    if (ms === null) return dash;
    const minutes = Math.round(ms / 60_000);
    if (minutes >= 120)
      return f.number(Math.round(minutes / 6) / 10, { style: "unit", unit: "hour", unitDisplay: "long" });
    return f.number(minutes, { style: "unit", unit: "minute", unitDisplay: "long" });
  };
  const seconds = (ms: number | null) =>
    ms === null ? dash : f.number(Math.round(ms / 1000), { style: "unit", unit: "second", unitDisplay: "long" });
  const csv = (table: ReportTable) => (
    <p className="mt-2 text-sm print:hidden">
      <a href={csvHref(table)} className="underline" download>
        {t("csv")}
      </a>
    </p>
  );
  const section = "mt-8 break-inside-avoid";
  const figure = "mt-3 flex flex-col gap-4 lg:flex-row lg:items-start";
  const { overall, planned, reach } = report;

  return (
    <>
      <section aria-labelledby="report-headline" className={section}>
        <h2 id="report-headline" className="text-lg font-semibold">
          {t("headline.title")}
        </h2>
        <table className="mt-2 text-sm">
          <tbody>
            {(
              [
                [t("headline.availability", { target: target(overall.target) }), avail(overall.availability)],
                [t("headline.daysBelow"), f.number(overall.daysBelow.length)],
                [t("headline.incidents"), f.number(report.incidents.length)],
                [t("headline.firstUpdate"), duration(report.timeToFirstUpdateMs)],
                [t("headline.mttr"), duration(report.mttrMs)],
                [t("headline.heardFirst"), share(report.heardFromUsFirst)],
                [t("headline.reports"), f.number(report.reportCount)],
                [
                  t("headline.helpful"),
                  t("headline.helpfulValue", { share: share(report.helpful), count: report.voteCount }),
                ],
              ] as const
            ).map(([label, value]) => (
              <tr key={label}>
                <th scope="row" className="py-1 pr-6 text-left font-normal">
                  {label}
                </th>
                <td className="py-1 font-semibold">{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {csv("headline")}
      </section>

      <section aria-labelledby="report-services" className={section}>
        <h2 id="report-services" className="text-lg font-semibold">
          {t("services.title")}
        </h2>
        {report.services.length === 0 ? (
          <p className="mt-2">{t("services.none")}</p>
        ) : (
          <div className="mt-3 flex flex-col gap-4">
            <BarChart
              id="chart-services"
              title={`${t("services.title")}. ${t("chartNote")}`}
              max={1}
              min={availabilityAxis(report.services)}
              bars={report.services.map((s) => ({
                label: s.name,
                value: s.availability ?? 0,
                shown: avail(s.availability),
                colour: s.availability !== null && s.availability * 100 < s.target ? "#dc2626" : "#15803d",
              }))}
            />
            {/* Focusable so a keyboard can scroll a table wider than a phone (axe: scrollable-region-focusable). */}
            <div
              className="max-w-full overflow-x-auto"
              tabIndex={0}
              role="region"
              aria-label={t("tableRegion", { title: t("services.title") })}
            >
              <table className="text-sm">
                <thead>
                  <tr>
                    <th scope="col" className={th}>
                      {t("services.service")}
                    </th>
                    <th scope="col" className={th}>
                      {t("services.target")}
                    </th>
                    <th scope="col" className={th}>
                      {t("services.availability")}
                    </th>
                    <th scope="col" className={th}>
                      {t("services.major")}
                    </th>
                    <th scope="col" className={th}>
                      {t("services.partial")}
                    </th>
                    <th scope="col" className={th}>
                      {t("services.degraded")}
                    </th>
                    <th scope="col" className={th}>
                      {t("services.daysBelow")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {report.services.map((s) => (
                    <tr key={s.componentId}>
                      <th scope="row" className="py-1 pr-4 text-left font-normal">
                        {s.name}
                      </th>
                      <td className={num}>{target(s.target)}</td>
                      <td className={num}>{avail(s.availability)}</td>
                      <td className={num}>{f.number(s.minutes.major_outage)}</td>
                      <td className={num}>{f.number(s.minutes.partial_outage)}</td>
                      <td className={num}>{f.number(s.minutes.degraded_performance)}</td>
                      <td className={num}>{f.number(s.daysBelow.length)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        )}
        {csv("services")}
      </section>

      <section aria-labelledby="report-impact" className={section}>
        <h2 id="report-impact" className="text-lg font-semibold">
          {t("impact.title")}
        </h2>
        <div className={figure}>
          <BarChart
            id="chart-impact"
            title={`${t("impact.title")}. ${t("chartNote")}`}
            bars={IMPACTS.map((i) => ({
              label: t(`impact.${i}`),
              value: report.byImpact[i],
              shown: f.number(report.byImpact[i]),
              colour: IMPACT_COLOURS[i],
            }))}
          />
          <table className="text-sm">
            <thead>
              <tr>
                <th scope="col" className={th}>
                  {t("impact.impact")}
                </th>
                <th scope="col" className={th}>
                  {t("impact.count")}
                </th>
              </tr>
            </thead>
            <tbody>
              {IMPACTS.map((i) => (
                <tr key={i}>
                  <th scope="row" className="py-1 pr-4 text-left font-normal">
                    {t(`impact.${i}`)}
                  </th>
                  <td className={num}>{f.number(report.byImpact[i])}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {csv("impact")}
      </section>

      <section aria-labelledby="report-incidents" className={section}>
        <h2 id="report-incidents" className="text-lg font-semibold">
          {t("incidents.title")}
        </h2>
        {report.incidents.length === 0 ? (
          <p className="mt-2">{t("incidents.none")}</p>
        ) : (
          <div
            className="mt-2 max-w-full overflow-x-auto"
            tabIndex={0}
            role="region"
            aria-label={t("tableRegion", { title: t("incidents.title") })}
          >
            <table className="text-sm">
              <thead>
                <tr>
                  <th scope="col" className={th}>
                    {t("incidents.name")}
                  </th>
                  <th scope="col" className={th}>
                    {t("impact.impact")}
                  </th>
                  <th scope="col" className={th}>
                    {t("incidents.started")}
                  </th>
                  <th scope="col" className={th}>
                    {t("incidents.firstUpdate")}
                  </th>
                  <th scope="col" className={th}>
                    {t("incidents.resolution")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.incidents.map((i) => {
                  const first = timeToFirstUpdate(i);
                  return (
                    <tr key={i.id}>
                      <td className={td}>
                        <a href={incidentHref(i.id)} className="underline">
                          {i.name}
                        </a>
                      </td>
                      <td className={td}>{impactLabel[i.impact]}</td>
                      <td className={td}>{f.started(i.startedAt)}</td>
                      <td className={num}>{first === null ? notPosted : duration(first)}</td>
                      <td className={num}>{i.resolvedAt === null ? open : duration(i.resolvedAt - i.startedAt)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">{t("incidents.explain")}</p>
        {csv("incidents")}
      </section>

      <section aria-labelledby="report-planned" className={section}>
        <h2 id="report-planned" className="text-lg font-semibold">
          {t("planned.title")}
        </h2>
        <div className={figure}>
          <BarChart
            id="chart-planned"
            title={`${t("planned.title")}. ${t("chartNote")}`}
            bars={(["withinWindow", "overrun", "cancelled"] as const).map((k) => ({
              label: t(`planned.${k}`),
              value: planned[k],
              shown: f.number(planned[k]),
              colour: k === "withinWindow" ? "#15803d" : k === "overrun" ? "#ea580c" : "#64748b",
            }))}
          />
          <table className="text-sm">
            <thead>
              <tr>
                <th scope="col" className={th}>
                  {t("planned.measure")}
                </th>
                <th scope="col" className={th}>
                  {t("planned.count")}
                </th>
              </tr>
            </thead>
            <tbody>
              {(["scheduled", "done", "withinWindow", "overrun", "cancelled", "remindersSent"] as const).map((k) => (
                <tr key={k}>
                  <th scope="row" className="py-1 pr-4 text-left font-normal">
                    {t(k === "remindersSent" ? "planned.reminders" : `planned.${k}`)}
                  </th>
                  <td className={num}>{f.number(planned[k])}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {csv("planned")}
      </section>

      <section aria-labelledby="report-reach" className={section}>
        <h2 id="report-reach" className="text-lg font-semibold">
          {t("reach.title")}
        </h2>
        <div className={figure}>
          <BarChart
            id="chart-reach"
            title={`${t("reach.title")}. ${t("chartNote")}`}
            bars={SUBSCRIBER_KINDS.map((k) => ({
              label: t(`reach.${k}`),
              value: reach.perChannel[k],
              shown: f.number(reach.perChannel[k]),
            }))}
          />
          <table className="text-sm">
            <thead>
              <tr>
                <th scope="col" className={th}>
                  {t("reach.channel")}
                </th>
                <th scope="col" className={th}>
                  {t("reach.subscribers")}
                </th>
              </tr>
            </thead>
            <tbody>
              {SUBSCRIBER_KINDS.map((k) => (
                <tr key={k}>
                  <th scope="row" className="py-1 pr-4 text-left font-normal">
                    {t(`reach.${k}`)}
                  </th>
                  <td className={num}>{f.number(reach.perChannel[k])}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-6 gap-y-1 text-sm">
          <dt>{t("reach.delivered")}</dt>
          <dd className="font-semibold">{f.number(reach.delivered)}</dd>
          <dt>{t("reach.median")}</dt>
          <dd className="font-semibold">{seconds(reach.medianDeliveryMs)}</dd>
        </dl>
        {csv("reach")}
      </section>
    </>
  );
}
