// The report's incident sections: counts by impact (chart and table), then each incident with its time to
// the first public update and to resolution.
import { IMPACTS } from "@/db/constants";
import { timeToFirstUpdate } from "@/core/service-report";
import type { ServiceReport } from "@/services/reports/service-report";
import { BarChart } from "./bar-chart";
import { CountTable, ReportSection, ScrollTable } from "./report-parts";
import { figure, num, td, type ReportText } from "./report-text";

const IMPACT_COLOURS = { none: "#64748b", minor: "#ca8a04", major: "#ea580c", critical: "#dc2626" } as const;

export function ImpactSection({ report, text }: { report: ServiceReport; text: ReportText }) {
  const { t, f, csv, impactLabel } = text;
  return (
    <ReportSection id="impact" title={t("impact.title")} csv={csv}>
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
        <CountTable
          f={f}
          head={[t("impact.impact"), t("impact.count")]}
          rows={IMPACTS.map((i) => [i, impactLabel[i], report.byImpact[i]])}
        />
      </div>
    </ReportSection>
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
  const columns = [
    "incidents.name",
    "impact.impact",
    "incidents.started",
    "incidents.firstUpdate",
    "incidents.resolution",
  ] as const;
  return (
    <ReportSection id="incidents" title={t("incidents.title")} csv={csv}>
      {report.incidents.length === 0 ? (
        <p className="mt-2">{t("incidents.none")}</p>
      ) : (
        <ScrollTable
          className="mt-2 max-w-full overflow-x-auto"
          label={t("tableRegion", { title: t("incidents.title") })}
          headers={columns.map((key) => t(key))}
        >
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
        </ScrollTable>
      )}
      <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">{t("incidents.explain")}</p>
    </ReportSection>
  );
}
