// Scheduled maintenance verbs: schedule, move through its lifecycle, reschedule, cancel. The automation
// (services/jobs/maintenance-automation.ts) uses the same transition function as a person does.
import type { z } from "zod";
import type { Db, Tx } from "@/db";
import type { ComponentStatus, MaintenanceStatus } from "@/db/constants";
import { findIncident, liveComponentIds } from "@/db/queries/lifecycle";
import { getPage } from "@/db/queries/status-page";
import type { Incident } from "@/db/schema";
import { insertAuditEntry } from "@/db/writes/audit";
import { insertIncident, insertIncidentUpdate } from "@/db/writes/incidents";
import {
  affectedComponents,
  claimTransition,
  componentsInOpenIncidents,
  markCancelled,
  moveWindow,
  rememberStatusBefore,
} from "@/db/writes/lifecycle";
import { actorColumns, assertCan, auditActor, type Actor } from "@/core/actor";
import { DomainError, invalid, notFound } from "@/core/errors";
import { canMoveMaintenance, statusAfterMaintenance, statusAtMaintenanceStart } from "@/core/maintenance";
import { formatTime } from "@/core/format";
import { kindForUpdate, notify } from "./notify";
import {
  cancelInput,
  maintenanceUpdateInput,
  parseInput,
  rescheduleInput,
  scheduleMaintenanceInput,
  type ScheduleMaintenanceInput,
} from "./schemas";

export const DEFAULT_MESSAGES: Record<Exclude<MaintenanceStatus, "scheduled">, string> = {
  in_progress: "The scheduled maintenance has started.",
  verifying: "The work is done and we are checking that everything works.",
  completed: "The scheduled maintenance has been completed.",
  cancelled: "This maintenance has been cancelled.",
};

function requireMaintenance(tx: Tx, id: string): Incident {
  const incident = findIncident(tx, id);
  if (!incident || incident.kind !== "maintenance") throw notFound("Maintenance");
  return incident;
}

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
  const page = getPage(tx);
  if (!page) throw new DomainError("conflict", "The page is not set up yet");
  const live = liveComponentIds(tx, page.id, input.componentIds);
  const missing = input.componentIds.filter((c) => !live.has(c));
  if (missing.length) throw invalid("componentIds", `Unknown or deleted service: ${missing.join(", ")}`);
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

export interface TransitionOptions {
  message?: string;
  notify: boolean;
  /** When the step happened (the automation's catch-up passes the scheduled times). */
  at: number;
  /** Write the timeline entry without touching service statuses (a catch-up for a window already over). */
  leaveComponents?: boolean;
}

/**
 * Moves a maintenance to `to` inside `tx`, if it is still where the caller saw it: returns false when another
 * process got there first. Puts services under maintenance on start and restores them on the way out.
 */
export function transitionMaintenance(
  tx: Tx,
  actor: Actor,
  incident: Incident,
  to: Exclude<MaintenanceStatus, "scheduled">,
  options: TransitionOptions,
): boolean {
  const from = incident.status as MaintenanceStatus;
  if (!canMoveMaintenance(from, to) || from === to) {
    throw new DomainError("conflict", `A ${from.replace("_", " ")} maintenance cannot become ${to.replace("_", " ")}`, {
      status: "Not allowed from the current status",
    });
  }
  if (!claimTransition(tx, incident.id, [from], options.at)) return false;

  const statuses: Record<string, ComponentStatus> = {};
  if (!options.leaveComponents && incident.setComponentsUnderMaintenance) {
    const components = affectedComponents(tx, incident.id).filter((c) => c.deletedAt === null);
    if (to === "in_progress" && from === "scheduled") {
      const inIncidents = componentsInOpenIncidents(tx);
      for (const c of components) {
        rememberStatusBefore(tx, incident.id, c.id, c.status);
        const next = statusAtMaintenanceStart(c.status, inIncidents.has(c.id));
        if (next) statuses[c.id] = next;
      }
    } else if ((to === "completed" || to === "cancelled") && from !== "scheduled") {
      for (const c of components) {
        const next = statusAfterMaintenance(c.status, c.statusBefore);
        if (next && next !== c.status) statuses[c.id] = next;
      }
    }
  }
  const deliver = options.notify && !incident.backfilled;
  const updateId = insertIncidentUpdate(tx, {
    incidentId: incident.id,
    status: to,
    body: options.message ?? DEFAULT_MESSAGES[to],
    displayAt: options.at,
    at: options.at,
    deliverNotifications: deliver,
    componentStatuses: statuses,
    ...actorColumns(actor),
  });
  if (deliver) notify(tx, incident, kindForUpdate("maintenance", to, false), options.at, updateId);
  if (to === "cancelled") markCancelled(tx, incident.id, options.at);
  insertAuditEntry(tx, {
    at: options.at,
    ...auditActor(actor),
    action: `maintenance.${to}`,
    targetType: "incident",
    targetId: incident.id,
    detail: { from },
  });
  return true;
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
      if (
        !transitionMaintenance(tx, actor, incident, input.status, {
          message: input.message,
          notify: input.notify,
          at: now,
        })
      ) {
        throw new DomainError("conflict", "Someone else changed this maintenance just now; reload and try again");
      }
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
      if (
        !transitionMaintenance(tx, actor, incident, "cancelled", {
          message: input.message || undefined,
          notify: input.notify,
          at: now,
        })
      ) {
        throw new DomainError("conflict", "Someone else changed this maintenance just now; reload and try again");
      }
    },
    { behavior: "immediate" },
  );
}

/** Moves the window of a maintenance that has not ended; the timeline says what changed. */
export function rescheduleMaintenance(
  db: Db,
  actor: Actor,
  id: string,
  raw: { scheduledFor: number; scheduledUntil: number; message?: string; notify?: boolean },
  now = Date.now(),
): void {
  assertCan(actor, "incidents.write");
  const input = parseInput(rescheduleInput, raw);
  if (input.scheduledUntil <= now) throw invalid("scheduledUntil", "The new window has already ended");
  db.transaction(
    (tx) => {
      const incident = requireMaintenance(tx, id);
      if (incident.status === "completed" || incident.status === "cancelled")
        throw new DomainError("conflict", "This maintenance is over and cannot be rescheduled");
      // Forms work in whole seconds: a start within the same second is the unchanged start.
      const sameStart = Math.floor(input.scheduledFor / 1000) === Math.floor(incident.scheduledFor! / 1000);
      if (incident.status !== "scheduled" && !sameStart) {
        throw invalid("scheduledFor", "The maintenance has started: only its end can move");
      }
      const scheduledFor = sameStart ? incident.scheduledFor! : input.scheduledFor;
      if (input.scheduledUntil <= scheduledFor) throw invalid("scheduledUntil", "The end must be after the start");
      moveWindow(tx, id, { scheduledFor, scheduledUntil: input.scheduledUntil }, now);
      const timeZone = getPage(tx)?.timeZone ?? "Etc/UTC";
      const body =
        input.message ??
        `Rescheduled: ${describeWindow(incident.scheduledFor!, incident.scheduledUntil!, timeZone)} is now ${describeWindow(scheduledFor, input.scheduledUntil, timeZone)}.`;
      const updateId = insertIncidentUpdate(tx, {
        incidentId: id,
        status: incident.status,
        body,
        displayAt: now,
        at: now,
        deliverNotifications: input.notify,
        ...actorColumns(actor),
      });
      if (input.notify) notify(tx, incident, "maintenance_rescheduled", now, updateId);
      insertAuditEntry(tx, {
        at: now,
        ...auditActor(actor),
        action: "maintenance.reschedule",
        targetType: "incident",
        targetId: id,
        detail: {
          from: [incident.scheduledFor, incident.scheduledUntil],
          to: [input.scheduledFor, input.scheduledUntil],
        },
      });
    },
    { behavior: "immediate" },
  );
}

/** "Jun 11, 2026, 11:00 UTC to 12:00 UTC", in the page's time zone, named. */
function describeWindow(from: number, until: number, timeZone: string): string {
  const sameDay = formatTime(from, timeZone, "date") === formatTime(until, timeZone, "date");
  return `${formatTime(from, timeZone)} to ${formatTime(until, timeZone, sameDay ? "time" : "datetime")}`;
}
