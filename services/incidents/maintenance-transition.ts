// A maintenance's lifecycle step (start, verify, complete, cancel), the one function both a person and the
// automation (services/jobs/maintenance-automation.ts) move a maintenance with.
import type { Tx } from "@/db";
import type { ComponentStatus, MaintenanceStatus } from "@/db/constants";
import type { Incident } from "@/db/schema";
import { insertAuditEntry } from "@/db/writes/audit";
import { insertIncidentUpdate } from "@/db/writes/incidents";
import {
  affectedComponents,
  claimTransition,
  componentsInOpenIncidents,
  markCancelled,
  rememberStatusBefore,
} from "@/db/writes/lifecycle";
import { actorColumns, auditActor, type Actor } from "@/core/actor";
import { DomainError } from "@/core/errors";
import { canMoveMaintenance, statusAfterMaintenance, statusAtMaintenanceStart } from "@/core/maintenance";
import { kindForUpdate, notify } from "./notify";

export const DEFAULT_MESSAGES: Record<Exclude<MaintenanceStatus, "scheduled">, string> = {
  in_progress: "The scheduled maintenance has started.",
  verifying: "The work is done and we are checking that everything works.",
  completed: "The scheduled maintenance has been completed.",
  cancelled: "This maintenance has been cancelled.",
};

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

/** A person's step: losing the race to another process is a conflict they are told about. */
export function transitionOrConflict(
  tx: Tx,
  actor: Actor,
  incident: Incident,
  to: Exclude<MaintenanceStatus, "scheduled">,
  options: TransitionOptions,
): void {
  if (!transitionMaintenance(tx, actor, incident, to, options)) {
    throw new DomainError("conflict", "Someone else changed this maintenance just now; reload and try again");
  }
}
