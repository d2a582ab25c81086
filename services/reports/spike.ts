// A spike: REPORT threshold reports about one service within the page's window. The team members who opted
// in hear at once, through the outbox like a monitor's team alert, and once per spike: reports that keep
// coming within the window of the last one continue the same spike.
import type { Tx } from "@/db";
import type { Page } from "@/db/schema";
import { countReportsSince, latestSpike, reportSpikeAddresses } from "@/db/queries/visitor-reports";
import { enqueueNotification } from "@/db/writes/outbox";
import { continueSpike, markSpikeAlerted, startSpike } from "@/db/writes/visitor-reports";
import { isSpike, spikeStillOn, spikeWindowMs, type SpikeRule } from "@/core/visitor-reports";

export const spikeRuleOf = (page: Pick<Page, "reportSpikeThreshold" | "reportSpikeMinutes">): SpikeRule => ({
  threshold: page.reportSpikeThreshold,
  minutes: page.reportSpikeMinutes,
});

/** Called in the report's transaction, after it was written. */
export function noteReportForSpike(
  tx: Tx,
  page: Page,
  component: { id: string; name: string },
  now: number,
): "none" | "started" | "continued" {
  const rule = spikeRuleOf(page);
  const spike = latestSpike(tx, component.id);
  if (spike && spikeStillOn(spike.lastReportAt, now, rule)) {
    continueSpike(tx, spike.id, spike.reportCount + 1, now);
    return "continued";
  }
  const since = now - spikeWindowMs(rule);
  const recent = countReportsSince(tx, component.id, since);
  if (!isSpike(recent, rule)) return "none";
  const spikeId = startSpike(tx, page.id, component.id, since, recent, now);
  const to = reportSpikeAddresses(tx);
  if (to.length > 0) {
    enqueueNotification(tx, {
      pageId: page.id,
      kind: "report_spike",
      at: now,
      payload: {
        to,
        componentId: component.id,
        serviceName: component.name,
        count: recent,
        minutes: rule.minutes,
        at: now,
        consolePath: "/admin/reports",
      },
    });
    markSpikeAlerted(tx, spikeId, now);
  }
  return "started";
}
