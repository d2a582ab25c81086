// The report's last sections: planned work (maintenance windows and how they went) and reach (subscribers per
// channel, deliveries and how long they took), each a chart with its table.
import { SUBSCRIBER_KINDS } from "@/db/constants";
import type { ServiceReport } from "@/services/reports/service-report";
import { BarChart } from "./bar-chart";
import { CountTable, ReportSection } from "./report-parts";
import { figure, type ReportText } from "./report-text";

export function PlannedSection({ report, text }: { report: ServiceReport; text: ReportText }) {
  const { t, f, csv } = text;
  const { planned } = report;
  return (
    <ReportSection id="planned" title={t("planned.title")} csv={csv}>
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
    </ReportSection>
  );
}

export function ReachSection({ report, text }: { report: ServiceReport; text: ReportText }) {
  const { t, f, seconds, csv } = text;
  const { reach } = report;
  return (
    <ReportSection id="reach" title={t("reach.title")} csv={csv}>
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
    </ReportSection>
  );
}
