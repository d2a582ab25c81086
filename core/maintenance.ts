// Pure rules for scheduled maintenance: which automatic transition is due, and what a component returns to.
import type { ComponentStatus, MaintenanceStatus } from "@/db/constants";
import { MINUTE } from "@/core/time";

export interface MaintenanceFacts {
  status: MaintenanceStatus;
  scheduledFor: number;
  scheduledUntil: number;
  autoStart: boolean;
  autoComplete: boolean;
  remindBeforeMinutes: number | null;
  reminderQueuedAt: number | null;
}

export type DueTransition = "remind" | "start" | "complete" | "start_and_complete" | null;

/**
 * The one automatic step due now, if any. A server that was down catches up: a window that has already
 * ended is started and completed in one step, and a reminder is never sent once the window has started.
 */
export function dueTransition(m: MaintenanceFacts, now: number): DueTransition {
  if (m.status === "scheduled") {
    if (m.autoStart && now >= m.scheduledFor) {
      return m.autoComplete && now >= m.scheduledUntil ? "start_and_complete" : "start";
    }
    if (
      m.remindBeforeMinutes !== null &&
      m.reminderQueuedAt === null &&
      now < m.scheduledFor &&
      now >= m.scheduledFor - m.remindBeforeMinutes * MINUTE
    ) {
      return "remind";
    }
    return null;
  }
  if ((m.status === "in_progress" || m.status === "verifying") && m.autoComplete && now >= m.scheduledUntil) {
    return "complete";
  }
  return null;
}

/** Allowed manual moves between maintenance statuses. */
const NEXT: Record<MaintenanceStatus, readonly MaintenanceStatus[]> = {
  scheduled: ["scheduled", "in_progress", "cancelled"],
  in_progress: ["in_progress", "verifying", "completed", "cancelled"],
  verifying: ["verifying", "in_progress", "completed", "cancelled"],
  completed: [],
  cancelled: [],
};

export function canMoveMaintenance(from: MaintenanceStatus, to: MaintenanceStatus): boolean {
  return NEXT[from].includes(to);
}

/**
 * When a window ends, a component goes back to the status it had before, unless something else (an incident,
 * a person) changed it during the window: then it keeps that newer status.
 */
export function statusAfterMaintenance(
  current: ComponentStatus,
  before: ComponentStatus | null,
): ComponentStatus | null {
  if (current !== "under_maintenance") return null;
  return before ?? "operational";
}

/**
 * Starting a window puts a component under maintenance, except when an open incident has it in a worse
 * state: an incident's status wins, so the page never hides an outage behind "under maintenance".
 */
export function statusAtMaintenanceStart(current: ComponentStatus, inOpenIncident: boolean): ComponentStatus | null {
  if (inOpenIncident && current !== "operational") return null;
  return current === "under_maintenance" ? null : "under_maintenance";
}
