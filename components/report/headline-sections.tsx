// The report's first two sections: the headline figures, and availability per service against its target
// (an SVG chart with the same figures in the table below it).
import type { ServiceReport } from "@/services/reports/service-report";
import { BarChart } from "./bar-chart";
import { ReportSection, ScrollTable } from "./report-parts";
import { num, rowHeader, type ReportText } from "./report-text";

/** The availability chart's axis starts a little below the lowest figure, in whole percent, at most 99%. */
function availabilityAxis(services: readonly { availability: number | null }[]): number {
  const lowest = Math.min(1, ...services.map((s) => s.availability ?? 1));
  return Math.max(0, Math.min(0.99, Math.floor(lowest * 100 - 1) / 100));
}

export function HeadlineSection({ report, text }: { report: ServiceReport; text: ReportText }) {
  const { t, f, avail, target, duration, share, csv } = text;
  const { overall } = report;
  return (
    <ReportSection id="headline" title={t("headline.title")} csv={csv}>
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
    </ReportSection>
  );
}

export function ServicesSection({ report, text }: { report: ServiceReport; text: ReportText }) {
  const { t, f, avail, target, csv } = text;
  const columns = [
    "services.service",
    "services.target",
    "services.availability",
    "services.major",
    "services.partial",
    "services.degraded",
    "services.daysBelow",
  ] as const;
  return (
    <ReportSection id="services" title={t("services.title")} csv={csv}>
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
          <ScrollTable
            className="max-w-full overflow-x-auto"
            label={t("tableRegion", { title: t("services.title") })}
            headers={columns.map((key) => t(key))}
          >
            {report.services.map((s) => (
              <tr key={s.componentId}>
                <th scope="row" className={rowHeader}>
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
          </ScrollTable>
        </div>
      )}
    </ReportSection>
  );
}
