// Rescheduling a maintenance that has not ended: the window moves and the timeline says what changed.
import type { Db } from "@/db";
import { getPage } from "@/db/queries/status-page";
import { insertAuditEntry } from "@/db/writes/audit";
import { insertIncidentUpdate } from "@/db/writes/incidents";
import { moveWindow } from "@/db/writes/lifecycle";
import { actorColumns, assertCan, auditActor, type Actor } from "@/core/actor";
import { DomainError, invalid } from "@/core/errors";
import { formatTime } from "@/core/format";
import { requireMaintenance } from "./guards";
import { notify } from "./notify";
import { parseInput, rescheduleInput } from "./schemas";

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
