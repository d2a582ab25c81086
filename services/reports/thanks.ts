// When an incident that visitors reported is resolved, each reporter who left an address gets one short
// "fixed, thank you for telling us" email, through the outbox, once: the reports remember the notification,
// so a reopened and resolved-again incident does not write twice. One email per address, however many
// reports it sent about the incident.
import type { Tx } from "@/db";
import { reportsAwaitingThanks } from "@/db/queries/visitor-reports";
import { enqueueNotification } from "@/db/writes/outbox";
import { markThanksQueued } from "@/db/writes/visitor-reports";

/** Called in the transaction that resolves the incident. Returns how many emails were queued. */
export function queueReportThanks(tx: Tx, incidentId: string, at: number): number {
  const waiting = reportsAwaitingThanks(tx, incidentId);
  const byAddress = new Map<string, { pageId: string; ids: string[] }>();
  for (const r of waiting) {
    const entry = byAddress.get(r.email) ?? { pageId: r.pageId, ids: [] };
    entry.ids.push(r.id);
    byAddress.set(r.email, entry);
  }
  for (const { pageId, ids } of byAddress.values()) {
    // The address is not copied into the notification: fan-out reads it from the reports, and the
    // retention job removes it from them once the email is handed over.
    const notificationId = enqueueNotification(tx, { pageId, kind: "report_thanks", incidentId, at });
    markThanksQueued(tx, ids, notificationId, at);
  }
  return byAddress.size;
}
