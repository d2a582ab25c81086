// The report's incident sections: counts by impact (chart and table), then each incident with its time to
// the first public update and to resolution.
import { IMPACTS } from "@/db/constants";
import { timeToFirstUpdate } from "@/core/service-report";
import type { ServiceReport } from "@/services/reports/service-report";
import { BarChart } from "./bar-chart";
import { figure, num, rowHeader, section, td, th, type ReportText } from "./report-text";

const IMPACT_COLOURS = { none: "#64748b", minor: "#ca8a04", major: "#ea580c", critical: "#dc2626" } as const;

export function ImpactSection({ report, text }: { report: ServiceReport; text: ReportText }) {
  const { t, f, csv, impactLabel } = text;
  return (
    <section aria-labelledby="report-impact" className={section}>
      <h2 id="report-impact" className="text-lg font-semibold">
        {t("impact.title")}
      </h2>
      <div className={figure}>
        <BarChart
          id="chart-impact"
          title={`${t("impact.title")}. ${t("chartNote")}`}
          bars={IMPACTS.map((i) => ({
            label: impactLabel[i],
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
                <th scope="row" className={rowHeader}>
                  {impactLabel[i]}
                </th>
                <td className={num}>{f.number(report.byImpact[i])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {csv("impact")}
    </section>
  );
}

export function IncidentsSection({
  report,
  text,
  incidentHref,
}: {
  report: ServiceReport;
  text: ReportText;
  incidentHref: (id: string) => string;
}) {
  const { t, f, duration, csv, impactLabel } = text;
  const notPosted = t("incidents.notPosted");
  const open = t("incidents.open");
  return (
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
                {(
                  [
                    "incidents.name",
                    "impact.impact",
                    "incidents.started",
                    "incidents.firstUpdate",
                    "incidents.resolution",
                  ] as const
                ).map((key) => (
                  <th key={key} scope="col" className={th}>
                    {t(key)}
                  </th>
                ))}
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
  );
}
