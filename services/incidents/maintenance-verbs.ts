// Scheduled maintenance verbs: schedule, post on it (a lifecycle step or a plain update), cancel; reschedule
// is in maintenance-reschedule.ts and the lifecycle step in maintenance-transition.ts (the automation,
// services/jobs/maintenance-automation.ts, uses the same transition function as a person does). Importers use
// this module for all of them.
import type { z } from "zod";
import type { Db, Tx } from "@/db";
import { insertAuditEntry } from "@/db/writes/audit";
import { insertIncident, insertIncidentUpdate } from "@/db/writes/incidents";
import { actorColumns, assertCan, auditActor, type Actor } from "@/core/actor";
import { DomainError, invalid } from "@/core/errors";
import { checkComponents, requireMaintenance, requirePage } from "./guards";
import { DEFAULT_MESSAGES, transitionOrConflict } from "./maintenance-transition";
import { notify } from "./notify";
import {
  cancelInput,
  maintenanceUpdateInput,
  parseInput,
  scheduleMaintenanceInput,
  type ScheduleMaintenanceInput,
} from "./schemas";

export { DEFAULT_MESSAGES, transitionMaintenance, type TransitionOptions } from "./maintenance-transition";
export { rescheduleMaintenance } from "./maintenance-reschedule";

export function scheduleMaintenance(
  db: Db,
  actor: Actor,
  raw: ScheduleMaintenanceInput,
  now = Date.now(),
): { id: string } {
  assertCan(actor, "incidents.write");
  const input = parseInput(scheduleMaintenanceInput, raw);
  const id = db.transaction((tx) => writeMaintenance(tx, actor, input, now), { behavior: "immediate" });
  return { id };
}

/** The writes of scheduleMaintenance, for callers already inside a transaction (recurring maintenance). */
export function writeMaintenance(
  tx: Tx,
  actor: Actor,
  input: z.output<typeof scheduleMaintenanceInput>,
  now: number,
  recurrenceId: string | null = null,
): string {
  if (input.backfill && input.scheduledUntil > now)
    throw invalid("backfill", "Only a window that has already ended can be backfilled");
  if (!input.backfill && input.scheduledUntil <= now) {
    throw invalid(
      "scheduledUntil",
      "This window has already ended; record it as a backfill (no notifications are sent)",
    );
  }
  const page = requirePage(tx);
  checkComponents(tx, page.id, input.componentIds, "componentIds");
  const id = insertIncident(tx, {
    pageId: page.id,
    kind: "maintenance",
    name: input.name,
    status: "scheduled",
    startedAt: input.scheduledFor,
    at: now,
    componentIds: input.componentIds,
    backfilled: input.backfill,
    createdBy: actorColumns(actor).userId,
    recurrenceId,
    maintenance: {
      scheduledFor: input.scheduledFor,
      scheduledUntil: input.scheduledUntil,
      autoStart: input.backfill ? false : input.autoStart,
      autoComplete: input.backfill ? false : input.autoComplete,
      remindBeforeMinutes: input.backfill ? null : input.remindBeforeMinutes,
      setComponentsUnderMaintenance: input.setComponentsUnderMaintenance,
    },
  });
  const announce = input.notify && !input.backfill;
  const updateId = insertIncidentUpdate(tx, {
    incidentId: id,
    status: "scheduled",
    body: input.message,
    displayAt: input.backfill ? input.scheduledFor : now,
    at: now,
    deliverNotifications: announce,
    ...actorColumns(actor),
  });
  if (announce) notify(tx, { id, pageId: page.id }, "maintenance_scheduled", now, updateId);
  if (input.backfill) {
    // A past window is recorded as it happened, without touching today's service statuses.
    insertIncidentUpdate(tx, {
      incidentId: id,
      status: "in_progress",
      body: DEFAULT_MESSAGES.in_progress,
      displayAt: input.scheduledFor + 1,
      at: now,
      deliverNotifications: false,
    });
    insertIncidentUpdate(tx, {
      incidentId: id,
      status: "completed",
      body: DEFAULT_MESSAGES.completed,
      displayAt: input.scheduledUntil,
      at: now,
      deliverNotifications: false,
    });
  }
  insertAuditEntry(tx, {
    at: now,
    ...auditActor(actor),
    action: "maintenance.schedule",
    targetType: "incident",
    targetId: id,
    detail: { name: input.name, backfill: input.backfill, recurrenceId },
  });
  return id;
}

/** A person posts on a maintenance: a status step (start, verify, complete) or a plain update. */
export function postMaintenanceUpdate(
  db: Db,
  actor: Actor,
  id: string,
  raw: { status: string; message?: string; notify?: boolean },
  now = Date.now(),
): void {
  assertCan(actor, "incidents.write");
  const input = parseInput(maintenanceUpdateInput, raw);
  db.transaction(
    (tx) => {
      const incident = requireMaintenance(tx, id);
      if (input.status === incident.status) {
        if (!input.message) throw invalid("message", "Write a message");
        if (incident.status === "completed") throw new DomainError("conflict", "This maintenance is over");
        const deliver = input.notify && !incident.backfilled;
        const updateId = insertIncidentUpdate(tx, {
          incidentId: id,
          status: incident.status,
          body: input.message,
          displayAt: now,
          at: now,
          deliverNotifications: deliver,
          ...actorColumns(actor),
        });
        if (deliver) notify(tx, incident, "incident_updated", now, updateId);
        insertAuditEntry(tx, {
          at: now,
          ...auditActor(actor),
          action: "maintenance.update",
          targetType: "incident",
          targetId: id,
        });
        return;
      }
      if (input.status === "scheduled")
        throw new DomainError("conflict", "A started maintenance cannot be scheduled again; reschedule it instead", {
          status: "Not allowed",
        });
      transitionOrConflict(tx, actor, incident, input.status, {
        message: input.message,
        notify: input.notify,
        at: now,
      });
    },
    { behavior: "immediate" },
  );
}

export function cancelMaintenance(
  db: Db,
  actor: Actor,
  id: string,
  raw: { message?: string; notify?: boolean } = {},
  now = Date.now(),
): void {
  assertCan(actor, "incidents.write");
  const input = parseInput(cancelInput, raw);
  db.transaction(
    (tx) => {
      const incident = requireMaintenance(tx, id);
      transitionOrConflict(tx, actor, incident, "cancelled", {
        message: input.message || undefined,
        notify: input.notify,
        at: now,
      });
    },
    { behavior: "immediate" },
  );
}
