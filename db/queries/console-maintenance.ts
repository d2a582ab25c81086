// Reads for the console's Maintenance screens: upcoming, in progress and past windows, and one maintenance.
import {
  ACTIVE_MAINTENANCE_STATUSES,
  ENDED_MAINTENANCE_STATUSES,
  UPCOMING_MAINTENANCE_STATUSES,
  type MaintenanceStatus,
} from "@/db/constants";
import { and, asc, desc, eq, inArray, sql, type SQLWrapper } from "drizzle-orm";
import type { Tx } from "../index";
import { incidents, maintenanceRecurrences } from "../schema";

const columns = {
  id: incidents.id,
  name: incidents.name,
  status: incidents.status,
  scheduledFor: incidents.scheduledFor,
  scheduledUntil: incidents.scheduledUntil,
  autoStart: incidents.autoStart,
  autoComplete: incidents.autoComplete,
  backfilled: incidents.backfilled,
};

function byStatus(tx: Tx, pageId: string, statuses: readonly MaintenanceStatus[]) {
  return and(eq(incidents.pageId, pageId), eq(incidents.kind, "maintenance"), inArray(incidents.status, [...statuses]));
}

export function listMaintenances(tx: Tx, pageId: string, pastLimit = 25) {
  return {
    upcoming: tx
      .select(columns)
      .from(incidents)
      .where(byStatus(tx, pageId, UPCOMING_MAINTENANCE_STATUSES))
      .orderBy(asc(incidents.scheduledFor))
      .all(),
    inProgress: tx
      .select(columns)
      .from(incidents)
      .where(byStatus(tx, pageId, ACTIVE_MAINTENANCE_STATUSES))
      .orderBy(asc(incidents.scheduledUntil))
      .all(),
    past: tx
      .select(columns)
      .from(incidents)
      .where(byStatus(tx, pageId, ENDED_MAINTENANCE_STATUSES))
      .orderBy(desc(incidents.scheduledFor))
      .limit(pastLimit)
      .all(),
  };
}
export type ConsoleMaintenanceRow = ReturnType<typeof listMaintenances>["upcoming"][number];

export function findConsoleMaintenance(tx: Tx, pageId: string, id: string) {
  return tx
    .select()
    .from(incidents)
    .where(and(eq(incidents.id, id), eq(incidents.pageId, pageId), eq(incidents.kind, "maintenance")))
    .get();
}

const upcomingOf = (id: SQLWrapper | string) =>
  and(eq(incidents.recurrenceId, id), eq(incidents.kind, "maintenance"), eq(incidents.status, "scheduled"));

/** Recurring rules, active first, each with its next scheduled occurrence and how many are scheduled. */
export function listRecurrences(tx: Tx, pageId: string) {
  return tx
    .select({
      id: maintenanceRecurrences.id,
      name: maintenanceRecurrences.name,
      rule: maintenanceRecurrences.rule,
      startTime: maintenanceRecurrences.startTime,
      durationMinutes: maintenanceRecurrences.durationMinutes,
      timeZone: maintenanceRecurrences.timeZone,
      active: maintenanceRecurrences.active,
      componentIds: maintenanceRecurrences.componentIds,
      nextAt: sql<
        number | null
      >`(select min(${incidents.scheduledFor}) from ${incidents} where ${upcomingOf(maintenanceRecurrences.id)})`,
      upcoming: sql<number>`(select count(*) from ${incidents} where ${upcomingOf(maintenanceRecurrences.id)})`,
    })
    .from(maintenanceRecurrences)
    .where(eq(maintenanceRecurrences.pageId, pageId))
    .orderBy(desc(maintenanceRecurrences.active), asc(maintenanceRecurrences.name))
    .all();
}

export function findRecurrence(tx: Tx, pageId: string, id: string) {
  return (
    tx
      .select()
      .from(maintenanceRecurrences)
      .where(and(eq(maintenanceRecurrences.pageId, pageId), eq(maintenanceRecurrences.id, id)))
      .get() ?? null
  );
}

/** The occurrences of a rule that have not started yet. */
export function scheduledOccurrences(tx: Tx, recurrenceId: string) {
  return tx.select().from(incidents).where(upcomingOf(recurrenceId)).orderBy(asc(incidents.scheduledFor)).all();
}
