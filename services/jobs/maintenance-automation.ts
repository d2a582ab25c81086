// One tick of the maintenance automation: start due windows, complete ended ones, arm reminders. Safe when
// two processes tick at once (each transition is claimed by a conditional update) and after downtime (a
// window that ended while the server was down is closed at its scheduled times, without notifications).
import type { Db } from "@/db";
import { findIncident, openMaintenances } from "@/db/queries/lifecycle";
import { claimReminder } from "@/db/writes/lifecycle";
import { SYSTEM } from "@/core/actor";
import { dueTransition, type DueTransition } from "@/core/maintenance";
import { transitionMaintenance } from "@/services/incidents/maintenance-verbs";
import { notify } from "@/services/incidents/notify";

export interface TickResult {
  id: string;
  transition: Exclude<DueTransition, null>;
}

export function runMaintenanceAutomation(db: Db, now = Date.now()): TickResult[] {
  const done: TickResult[] = [];
  for (const candidate of openMaintenances(db)) {
    const transition = dueTransition(
      {
        status: candidate.status as "scheduled",
        scheduledFor: candidate.scheduledFor!,
        scheduledUntil: candidate.scheduledUntil!,
        autoStart: candidate.autoStart,
        autoComplete: candidate.autoComplete,
        remindBeforeMinutes: candidate.remindBeforeMinutes,
        reminderQueuedAt: candidate.reminderQueuedAt,
      },
      now,
    );
    if (!transition) continue;
    const made = db.transaction(
      (tx) => {
        // Read again inside the write lock: another process may have moved it since the scan.
        const incident = findIncident(tx, candidate.id);
        if (!incident || incident.status !== candidate.status) return false;
        switch (transition) {
          case "remind": {
            const claimed = claimReminder(tx, incident.id, now);
            if (claimed) notify(tx, incident, "maintenance_reminder", now);
            return claimed;
          }
          case "start":
            return transitionMaintenance(tx, SYSTEM, incident, "in_progress", { notify: true, at: now });
          case "complete":
            return transitionMaintenance(tx, SYSTEM, incident, "completed", { notify: true, at: now });
          case "start_and_complete": {
            const started = transitionMaintenance(tx, SYSTEM, incident, "in_progress", {
              notify: false,
              at: incident.scheduledFor!,
              leaveComponents: true,
            });
            const after = findIncident(tx, incident.id)!;
            return (
              started &&
              transitionMaintenance(tx, SYSTEM, after, "completed", {
                notify: false,
                at: Math.max(incident.scheduledUntil!, incident.scheduledFor! + 1),
                leaveComponents: true,
              })
            );
          }
        }
      },
      { behavior: "immediate" },
    );
    if (made) done.push({ id: candidate.id, transition });
  }
  return done;
}
