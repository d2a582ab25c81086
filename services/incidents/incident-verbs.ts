// Incident verbs: declare, update (resolve, reopen), correct or delete an update, postmortem.
// Each authorises its actor, validates its input, writes in one transaction and audits.
import type { Db, Tx } from "@/db";
import { UNRESOLVED_INCIDENT_STATUSES, type ComponentStatus } from "@/db/constants";
import type { GroupRef } from "@/core/visitor-reports";
import { queueReportThanks } from "@/services/reports/thanks";
import { attachReportGroup } from "@/services/reports/triage";
import { findIncident, findUpdate, countUpdates, latestUpdate, liveComponentIds } from "@/db/queries/lifecycle";
import { getPage } from "@/db/queries/status-page";
import { insertAuditEntry } from "@/db/writes/audit";
import { insertIncident, insertIncidentUpdate } from "@/db/writes/incidents";
import {
  affectedComponents,
  componentsInOpenIncidents,
  deleteUpdate,
  setPostmortem,
  setUpdateBody,
} from "@/db/writes/lifecycle";
import { actorColumns, assertCan, auditActor, type Actor } from "@/core/actor";
import { DomainError, invalid, notFound } from "@/core/errors";
import { isClosedStatus } from "@/core/incident";
import { kindForUpdate, notify } from "./notify";
import { MINUTE } from "@/core/time";
import {
  addUpdateInput,
  createIncidentInput,
  editUpdateInput,
  parseInput,
  postmortemInput,
  type AddUpdateInput,
  type CreateIncidentInput,
} from "./schemas";

/** A start more than this far in the past makes an incident a backfill. */
const BACKFILL_THRESHOLD = 5 * MINUTE;

function requirePage(tx: Tx) {
  const page = getPage(tx);
  if (!page) throw new DomainError("conflict", "The page is not set up yet");
  return page;
}

function checkComponents(tx: Tx, pageId: string, ids: string[], field: string): void {
  const live = liveComponentIds(tx, pageId, ids);
  const missing = ids.filter((id) => !live.has(id));
  if (missing.length) throw invalid(field, `Unknown or deleted service: ${missing.join(", ")}`);
}

function requireIncident(tx: Tx, id: string) {
  const incident = findIncident(tx, id);
  if (!incident || incident.kind !== "incident") throw notFound("Incident");
  return incident;
}

/** Two updates posted in the same millisecond still get a strict order. */
function nextUpdateTime(tx: Tx, incidentId: string, now: number): number {
  const last = latestUpdate(tx, incidentId);
  return last ? Math.max(now, last.displayAt + 1, last.createdAt + 1) : now;
}

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
      if (endedAt !== null)
        return recordResolvedIncident(
          tx,
          actor,
          { ...input, pageId: page.id, componentIds, startedAt, endedAt, backfilled },
          now,
        );
      const id = insertIncident(tx, {
        pageId: page.id,
        kind: "incident",
        name: input.name,
        status: input.status,
        startedAt,
        at: now,
        componentIds,
        impactOverride: input.impactOverride,
        backfilled,
        createdBy: actorColumns(actor).userId,
      });
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
  input: ReturnType<typeof createIncidentInput.parse> & {
    pageId: string;
    componentIds: string[];
    startedAt: number;
    endedAt: number;
    backfilled: boolean;
  },
  now: number,
): { id: string; updateId: string } {
  const notifies = input.notify && !input.backfilled;
  const id = insertIncident(tx, {
    pageId: input.pageId,
    kind: "incident",
    name: input.name,
    status: "investigating",
    startedAt: input.startedAt,
    at: now,
    componentIds: input.componentIds,
    impactOverride: input.impactOverride,
    backfilled: input.backfilled,
    createdBy: actorColumns(actor).userId,
  });
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
      .filter(
        ([componentId, status]) =>
          status !== "operational" && status !== "under_maintenance" && !heldElsewhere.has(componentId),
      )
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

export function addIncidentUpdate(
  db: Db,
  actor: Actor,
  incidentId: string,
  raw: AddUpdateInput,
  now = Date.now(),
): { updateId: string } {
  assertCan(actor, "incidents.write");
  const input = parseInput(addUpdateInput, raw);
  const result = db.transaction(
    (tx) => {
      const incident = requireIncident(tx, incidentId);
      const closed = isClosedStatus(incident.status);
      if (closed && !input.reopen) {
        throw new DomainError(
          "conflict",
          "This incident is resolved: reopen it to post an update, or write a postmortem",
          { status: "This incident is resolved" },
        );
      }
      if (input.reopen && !closed) throw invalid("reopen", "Only a resolved incident can be reopened");
      if (input.reopen && input.status === "resolved")
        throw invalid("status", "A reopened incident cannot be resolved in the same update");
      checkComponents(tx, incident.pageId, Object.keys(input.componentStatuses), "componentStatuses");

      const statuses: Record<string, ComponentStatus> = { ...input.componentStatuses };
      if (input.status === "resolved" && input.restoreComponents) {
        // Back to operational, except a service that another open incident still holds down.
        const heldElsewhere = componentsInOpenIncidents(tx, incident.id);
        for (const c of affectedComponents(tx, incident.id)) {
          if (
            c.deletedAt === null &&
            !(c.id in statuses) &&
            !heldElsewhere.has(c.id) &&
            c.status !== "operational" &&
            c.status !== "under_maintenance"
          ) {
            statuses[c.id] = "operational";
          }
        }
      }
      const at = nextUpdateTime(tx, incident.id, now);
      const updateId = insertIncidentUpdate(tx, {
        incidentId: incident.id,
        status: input.status,
        body: input.message,
        displayAt: at,
        at,
        deliverNotifications: input.notify && !incident.backfilled,
        componentStatuses: statuses,
        ...actorColumns(actor),
      });
      if (input.notify && !incident.backfilled)
        notify(tx, incident, kindForUpdate("incident", input.status, false), at, updateId);
      // Visitors who reported it and left an address hear that it is fixed (once; services/reports/thanks.ts).
      if (input.status === "resolved") queueReportThanks(tx, incident.id, at);
      insertAuditEntry(tx, {
        at: now,
        ...auditActor(actor),
        action: input.reopen ? "incident.reopen" : input.status === "resolved" ? "incident.resolve" : "incident.update",
        targetType: "incident",
        targetId: incident.id,
        detail: { status: input.status, updateId },
      });
      return { updateId };
    },
    { behavior: "immediate" },
  );
  return result;
}

/** Corrects an update's text. Audited; it does not notify again. */
export function editIncidentUpdate(
  db: Db,
  actor: Actor,
  updateId: string,
  raw: { message: string },
  now = Date.now(),
): void {
  assertCan(actor, "incidents.write");
  const input = parseInput(editUpdateInput, raw);
  db.transaction(
    (tx) => {
      const update = findUpdate(tx, updateId);
      if (!update) throw notFound("Update");
      setUpdateBody(tx, updateId, input.message, now);
      insertAuditEntry(tx, {
        at: now,
        ...auditActor(actor),
        action: "incident.update_edit",
        targetType: "incident",
        targetId: update.incidentId,
        detail: { updateId, before: update.body, after: input.message },
      });
    },
    { behavior: "immediate" },
  );
}

/** Deletes an update (admins and owners only). The first and only update cannot go. */
export function deleteIncidentUpdate(db: Db, actor: Actor, updateId: string, now = Date.now()): void {
  assertCan(actor, "incidents.delete_update");
  db.transaction(
    (tx) => {
      const update = findUpdate(tx, updateId);
      if (!update) throw notFound("Update");
      if (countUpdates(tx, update.incidentId) <= 1)
        throw new DomainError("conflict", "An incident keeps at least one update");
      deleteUpdate(tx, updateId, update.incidentId, now);
      insertAuditEntry(tx, {
        at: now,
        ...auditActor(actor),
        action: "incident.update_delete",
        targetType: "incident",
        targetId: update.incidentId,
        detail: { updateId, status: update.status, body: update.body },
      });
    },
    { behavior: "immediate" },
  );
}

/** Saves the postmortem as a draft (resolved incidents only); publishing is a separate step. */
export function savePostmortem(
  db: Db,
  actor: Actor,
  incidentId: string,
  raw: { body: string },
  now = Date.now(),
): void {
  assertCan(actor, "incidents.write");
  const input = parseInput(postmortemInput, raw);
  db.transaction(
    (tx) => {
      const incident = requireIncident(tx, incidentId);
      if ((UNRESOLVED_INCIDENT_STATUSES as readonly string[]).includes(incident.status)) {
        throw new DomainError("conflict", "Resolve the incident before writing its postmortem", {
          body: "Resolve the incident first",
        });
      }
      setPostmortem(tx, incidentId, input.body, incident.postmortemPublishedAt, now);
      insertAuditEntry(tx, {
        at: now,
        ...auditActor(actor),
        action: "incident.postmortem_save",
        targetType: "incident",
        targetId: incidentId,
      });
    },
    { behavior: "immediate" },
  );
}

/**
 * Publishes the postmortem: `body` when given (what is in the box: saved and published in one step), else the
 * saved draft.
 */
export function publishPostmortem(
  db: Db,
  actor: Actor,
  incidentId: string,
  options: { notify: boolean; body?: string },
  now = Date.now(),
): void {
  assertCan(actor, "incidents.write");
  const given = options.body === undefined ? undefined : parseInput(postmortemInput, { body: options.body }).body;
  db.transaction(
    (tx) => {
      const incident = requireIncident(tx, incidentId);
      if ((UNRESOLVED_INCIDENT_STATUSES as readonly string[]).includes(incident.status)) {
        throw new DomainError("conflict", "Resolve the incident before publishing its postmortem", {
          body: "Resolve the incident first",
        });
      }
      const body = given ?? incident.postmortemBody;
      if (!body)
        throw new DomainError("conflict", "Write the postmortem before publishing it", {
          body: "Write the postmortem first",
        });
      setPostmortem(tx, incidentId, body, incident.postmortemPublishedAt ?? now, now);
      // Announced once: publishing again after an edit does not mail everyone a second time.
      if (options.notify && incident.postmortemPublishedAt === null && !incident.backfilled)
        notify(tx, incident, "postmortem_published", now);
      insertAuditEntry(tx, {
        at: now,
        ...auditActor(actor),
        action: "incident.postmortem_publish",
        targetType: "incident",
        targetId: incidentId,
        detail: { notify: options.notify },
      });
    },
    { behavior: "immediate" },
  );
}
