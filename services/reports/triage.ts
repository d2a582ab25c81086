// The console's verbs on visitor reports: mark a triage group handled or dismissed, attach a group to the
// incident declared from it, and the spike settings. Each checks the actor again and writes its audit entry.
import { z } from "zod";
import { REPORT_LIMITS, REPORT_PROBLEM_LABELS, type ComponentStatus } from "@/db/constants";
import type { Db, Tx } from "@/db";
import { getPageRow } from "@/db/queries/subscribers";
import { openReportIdsBetween, reportableComponent } from "@/db/queries/visitor-reports";
import { insertAuditEntry } from "@/db/writes/audit";
import { setReportSpikeOptIn, setReportsState, setSpikeRule } from "@/db/writes/visitor-reports";
import { actorColumns, assertCan, auditActor, type Actor } from "@/core/actor";
import { DomainError, invalid } from "@/core/errors";
import type { GroupRef } from "@/core/visitor-reports";
import { listReportsOfGroup } from "./triage-read";

function requirePageId(tx: Tx): string {
  const page = getPageRow(tx);
  if (!page) throw new DomainError("not_found", "There is no page yet");
  return page.id;
}

/** Marks every open report of the group handled or dismissed. Returns how many changed. */
export function closeReportGroup(
  db: Db,
  actor: Actor,
  group: GroupRef,
  state: "handled" | "dismissed",
  now = Date.now(),
): number {
  assertCan(actor, "incidents.write");
  return db.transaction((tx) => {
    const pageId = requirePageId(tx);
    const ids = openReportIdsBetween(tx, pageId, group.componentId, group.from, group.to);
    if (ids.length === 0) throw new DomainError("conflict", "These reports were already handled");
    const changed = setReportsState(tx, ids, state, { userId: actorColumns(actor).userId }, now);
    insertAuditEntry(tx, {
      at: now,
      ...auditActor(actor),
      action: state === "handled" ? "reports.handle" : "reports.dismiss",
      targetType: "component",
      targetId: group.componentId ?? "other",
      detail: { count: changed, from: group.from, to: group.to },
    });
    return changed;
  });
}

/**
 * Attaches the group's open reports to the incident declared from it, in the declaring transaction: they
 * count as handled, and their reporters are thanked when the incident is resolved.
 */
export function attachReportGroup(tx: Tx, actor: Actor, group: GroupRef, incidentId: string, now: number): number {
  const pageId = requirePageId(tx);
  const ids = openReportIdsBetween(tx, pageId, group.componentId, group.from, group.to);
  return setReportsState(tx, ids, "handled", { userId: actorColumns(actor).userId, incidentId }, now);
}

/** What the declare form starts with for a group: its service as affected, a name and a summary. */
export function declarationFromReportGroup(db: Db, group: GroupRef) {
  const pageId = requirePageId(db);
  const reports = listReportsOfGroup(db, pageId, group);
  if (reports.length === 0) return null;
  const service = group.componentId ? reportableComponent(db, pageId, group.componentId, "internal") : null;
  const counts = new Map<string, number>();
  for (const r of reports) counts.set(r.problem, (counts.get(r.problem) ?? 0) + 1);
  const top = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0] as keyof typeof REPORT_PROBLEM_LABELS;
  const name = service ? `${service.name}: problems reported` : "Problems reported";
  const message = `We are looking into reports that ${service ? service.name : "something"} is not working for some of you (${REPORT_PROBLEM_LABELS[top].toLowerCase()}). We will post an update shortly.`;
  return {
    name: name.slice(0, 100),
    status: "investigating" as const,
    message,
    componentStatuses: (service ? { [service.id]: "partial_outage" } : {}) as Record<string, ComponentStatus>,
    reportCount: reports.length,
  };
}

export const spikeRuleSchema = z.object({
  threshold: z.coerce
    .number({ error: "Enter a whole number." })
    .int({ error: "Enter a whole number." })
    .min(REPORT_LIMITS.minSpikeThreshold, { error: `At least ${REPORT_LIMITS.minSpikeThreshold} reports.` })
    .max(REPORT_LIMITS.maxSpikeThreshold, { error: `At most ${REPORT_LIMITS.maxSpikeThreshold} reports.` }),
  minutes: z.coerce
    .number({ error: "Enter a whole number." })
    .int({ error: "Enter a whole number." })
    .min(REPORT_LIMITS.minSpikeMinutes, { error: `At least ${REPORT_LIMITS.minSpikeMinutes} minute.` })
    .max(REPORT_LIMITS.maxSpikeMinutes, { error: `At most ${REPORT_LIMITS.maxSpikeMinutes} minutes (a day).` }),
});

export function updateSpikeRule(db: Db, actor: Actor, raw: unknown, now = Date.now()): void {
  assertCan(actor, "settings.write");
  const parsed = spikeRuleSchema.safeParse(raw);
  if (!parsed.success) {
    const [field, messages] = Object.entries(z.flattenError(parsed.error).fieldErrors)[0] ?? ["threshold", []];
    throw invalid(field, (messages as string[])[0] ?? "Check this value.");
  }
  db.transaction((tx) => {
    const pageId = requirePageId(tx);
    setSpikeRule(tx, pageId, parsed.data, now);
    insertAuditEntry(tx, {
      at: now,
      ...auditActor(actor),
      action: "reports.spike_rule",
      targetType: "page",
      targetId: pageId,
      detail: parsed.data,
    });
  });
}

/** A member turns their own spike alerts on or off. */
export function setOwnReportSpikeAlerts(db: Db, actor: Actor, on: boolean, now = Date.now()): void {
  if (actor.type !== "user") throw new DomainError("forbidden", "Only members receive team alerts");
  db.transaction((tx) => setReportSpikeOptIn(tx, actor.userId, on, now));
}
