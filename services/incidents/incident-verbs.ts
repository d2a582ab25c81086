// Incident verbs: declare (incident-declare.ts), update (resolve, reopen), correct or delete an update,
// postmortem (incident-postmortem.ts). Each authorises its actor, validates its input, writes in one
// transaction and audits. Importers use this module for all of them.
import type { Db, Tx } from "@/db";
import type { ComponentStatus } from "@/db/constants";
import { queueReportThanks } from "@/services/reports/thanks";
import { findUpdate, countUpdates, latestUpdate } from "@/db/queries/lifecycle";
import { insertAuditEntry } from "@/db/writes/audit";
import { insertIncidentUpdate } from "@/db/writes/incidents";
import { affectedComponents, componentsInOpenIncidents, deleteUpdate, setUpdateBody } from "@/db/writes/lifecycle";
import { actorColumns, assertCan, auditActor, type Actor } from "@/core/actor";
import { DomainError, invalid, notFound } from "@/core/errors";
import { isClosedStatus, restoresOnResolve } from "@/core/incident";
import { checkComponents, requireIncident } from "./guards";
import { kindForUpdate, notify } from "./notify";
import { addUpdateInput, editUpdateInput, parseInput, type AddUpdateInput } from "./schemas";

export { createIncident, RECORDED_START_MESSAGE } from "./incident-declare";
export { publishPostmortem, savePostmortem } from "./incident-postmortem";

/** Two updates posted in the same millisecond still get a strict order. */
function nextUpdateTime(tx: Tx, incidentId: string, now: number): number {
  const last = latestUpdate(tx, incidentId);
  return last ? Math.max(now, last.displayAt + 1, last.createdAt + 1) : now;
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
          if (c.deletedAt === null && !(c.id in statuses) && restoresOnResolve(c.status, heldElsewhere.has(c.id))) {
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
