// Declaring an incident: live, as a backfill (no notifications), or as already resolved, recorded as it
// happened. Authorises, validates, writes in one transaction and audits.
import type { z } from "zod";
import type { Db, Tx } from "@/db";
import type { IncidentStatus } from "@/db/constants";
import type { GroupRef } from "@/core/visitor-reports";
import { attachReportGroup } from "@/services/reports/triage";
import { insertAuditEntry } from "@/db/writes/audit";
import { insertIncident, insertIncidentUpdate } from "@/db/writes/incidents";
import { componentsInOpenIncidents } from "@/db/writes/lifecycle";
import { actorColumns, assertCan, auditActor, type Actor } from "@/core/actor";
import { invalid } from "@/core/errors";
import { restoresOnResolve } from "@/core/incident";
import { MINUTE } from "@/core/time";
import { checkComponents, requirePage } from "./guards";
import { notify } from "./notify";
import { createIncidentInput, parseInput, type CreateIncidentInput } from "./schemas";

/** A start more than this far in the past makes an incident a backfill. */
const BACKFILL_THRESHOLD = 5 * MINUTE;

/** The first entry of an incident declared as resolved after it began; the admin's message is its resolution. */
export const RECORDED_START_MESSAGE = "Recorded after it began; this is when it started.";

/**
 * When an incident declared as resolved ended: the given time (required for a backfill, whose end nobody else
 * knows), now for a recent one, or null when it starts and ends now (one timeline entry).
 */
function endOfResolvedDeclaration(
  input: { status: string; resolvedAt?: number; startedAt?: number },
  startedAt: number,
  backfilled: boolean,
  now: number,
): number | null {
  if (input.status !== "resolved") {
    if (input.resolvedAt !== undefined)
      throw invalid("resolvedAt", "Only an incident declared as resolved has an end time");
    return null;
  }
  if (input.resolvedAt === undefined) {
    if (backfilled)
      throw invalid("resolvedAt", "Enter when it ended: a past incident declared as resolved needs its end time");
    return startedAt < now ? now : null;
  }
  if (input.resolvedAt <= startedAt) throw invalid("resolvedAt", "The end must be after the start");
  if (input.resolvedAt > now + MINUTE) throw invalid("resolvedAt", "The end cannot be in the future");
  return input.resolvedAt;
}

/** A declaration once checked against the page: the parsed input, where it goes and when it started. */
type Declaration = z.output<typeof createIncidentInput> & {
  pageId: string;
  componentIds: string[];
  startedAt: number;
  backfilled: boolean;
};

/** The incident row of a declaration; `status` is its first update's. */
function insertDeclared(tx: Tx, actor: Actor, d: Declaration, status: IncidentStatus, now: number): string {
  return insertIncident(tx, {
    pageId: d.pageId,
    kind: "incident",
    name: d.name,
    status,
    startedAt: d.startedAt,
    at: now,
    componentIds: d.componentIds,
    impactOverride: d.impactOverride,
    backfilled: d.backfilled,
    createdBy: actorColumns(actor).userId,
  });
}

export function createIncident(
  db: Db,
  actor: Actor,
  raw: CreateIncidentInput,
  now = Date.now(),
  options: { fromReports?: GroupRef } = {},
): { id: string; updateId: string } {
  assertCan(actor, "incidents.write");
  const input = parseInput(createIncidentInput, raw);
  if (input.startedAt !== undefined && input.startedAt > now + MINUTE)
    throw invalid("startedAt", "The start cannot be in the future");
  const backfilled = input.startedAt !== undefined && input.startedAt < now - BACKFILL_THRESHOLD;
  const startedAt = input.startedAt ?? now;
  const endedAt = endOfResolvedDeclaration(input, startedAt, backfilled, now);
  const result = db.transaction(
    (tx) => {
      const page = requirePage(tx);
      const componentIds = Object.keys(input.componentStatuses);
      checkComponents(tx, page.id, componentIds, "componentStatuses");
      const declared: Declaration = { ...input, pageId: page.id, componentIds, startedAt, backfilled };
      if (endedAt !== null) return recordResolvedIncident(tx, actor, { ...declared, endedAt }, now);
      const id = insertDeclared(tx, actor, declared, input.status, now);
      const updateId = insertIncidentUpdate(tx, {
        incidentId: id,
        status: input.status,
        body: input.message,
        displayAt: startedAt,
        at: now,
        deliverNotifications: input.notify && !backfilled,
        componentStatuses: input.componentStatuses,
        ...actorColumns(actor),
      });
      if (input.notify && !backfilled) notify(tx, { id, pageId: page.id }, "incident_created", now, updateId);
      // Declared from a triage group: its reports belong to this incident, in the same transaction.
      if (options.fromReports) attachReportGroup(tx, actor, options.fromReports, id, now);
      insertAuditEntry(tx, {
        at: now,
        ...auditActor(actor),
        action: "incident.create",
        targetType: "incident",
        targetId: id,
        detail: { name: input.name, status: input.status, backfilled },
      });
      return { id, updateId };
    },
    { behavior: "immediate" },
  );
  return result;
}

/**
 * An incident declared as resolved after it began, recorded as it happened: an entry at its start with the
 * services' statuses, and the admin's message as the resolution at its end, which puts the services back to
 * operational from then on (unless another open incident holds them).
 */
function recordResolvedIncident(
  tx: Tx,
  actor: Actor,
  input: Declaration & { endedAt: number },
  now: number,
): { id: string; updateId: string } {
  const notifies = input.notify && !input.backfilled;
  const id = insertDeclared(tx, actor, input, "investigating", now);
  insertIncidentUpdate(tx, {
    incidentId: id,
    status: "investigating",
    body: RECORDED_START_MESSAGE,
    displayAt: input.startedAt,
    at: now,
    deliverNotifications: false,
    componentStatuses: input.componentStatuses,
    ...actorColumns(actor),
  });
  const heldElsewhere = componentsInOpenIncidents(tx, id);
  const restored = Object.fromEntries(
    Object.entries(input.componentStatuses)
      .filter(([componentId, status]) => restoresOnResolve(status, heldElsewhere.has(componentId)))
      .map(([componentId]) => [componentId, "operational" as const]),
  );
  const updateId = insertIncidentUpdate(tx, {
    incidentId: id,
    status: "resolved",
    body: input.message,
    displayAt: input.endedAt,
    at: now,
    deliverNotifications: notifies,
    componentStatuses: restored,
    ...actorColumns(actor),
  });
  if (notifies) notify(tx, { id, pageId: input.pageId }, "incident_created", now, updateId);
  insertAuditEntry(tx, {
    at: now,
    ...auditActor(actor),
    action: "incident.create",
    targetType: "incident",
    targetId: id,
    detail: { name: input.name, status: "resolved", backfilled: input.backfilled, resolvedAt: input.endedAt },
  });
  return { id, updateId };
}
