// The report's last sections: planned work (maintenance windows and how they went) and reach (subscribers per
// channel, deliveries and how long they took), each a chart with its table.
import { SUBSCRIBER_KINDS } from "@/db/constants";
import type { ServiceReport } from "@/services/reports/service-report";
import { BarChart } from "./bar-chart";
import { figure, num, rowHeader, section, th, type ReportText } from "./report-text";

/** A two-column table: what is counted, and how many. */
function CountTable({
  head,
  rows,
  f,
}: {
  head: [string, string];
  rows: [string, string, number][];
  f: ReportText["f"];
}) {
  return (
    <table className="text-sm">
      <thead>
        <tr>
          <th scope="col" className={th}>
            {head[0]}
          </th>
          <th scope="col" className={th}>
            {head[1]}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([key, label, value]) => (
          <tr key={key}>
            <th scope="row" className={rowHeader}>
              {label}
            </th>
            <td className={num}>{f.number(value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function PlannedSection({ report, text }: { report: ServiceReport; text: ReportText }) {
  const { t, f, csv } = text;
  const { planned } = report;
  return (
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
        <CountTable
          f={f}
          head={[t("planned.measure"), t("planned.count")]}
          rows={(["scheduled", "done", "withinWindow", "overrun", "cancelled", "remindersSent"] as const).map((k) => [
            k,
            t(k === "remindersSent" ? "planned.reminders" : `planned.${k}`),
            planned[k],
          ])}
        />
      </div>
      {csv("planned")}
    </section>
  );
}

export function ReachSection({ report, text }: { report: ServiceReport; text: ReportText }) {
  const { t, f, seconds, csv } = text;
  const { reach } = report;
  return (
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
        <CountTable
          f={f}
          head={[t("reach.channel"), t("reach.subscribers")]}
          rows={SUBSCRIBER_KINDS.map((k) => [k, t(`reach.${k}`), reach.perChannel[k]])}
        />
      </div>
      <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-6 gap-y-1 text-sm">
        <dt>{t("reach.delivered")}</dt>
        <dd className="font-semibold">{f.number(reach.delivered)}</dd>
        <dt>{t("reach.median")}</dt>
        <dd className="font-semibold">{seconds(reach.medianDeliveryMs)}</dd>
      </dl>
      {csv("reach")}
    </section>
  );
}
