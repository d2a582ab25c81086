// Reads for the console's Maintenance screens: upcoming, in progress and past windows, and one maintenance.
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Tx } from "../index";
import { incidents } from "../schema";

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

function byStatus(tx: Tx, pageId: string, statuses: ("scheduled" | "in_progress" | "verifying" | "completed" | "cancelled")[]) {
  return and(eq(incidents.pageId, pageId), eq(incidents.kind, "maintenance"), inArray(incidents.status, statuses));
}

export function listMaintenances(tx: Tx, pageId: string, pastLimit = 25) {
  return {
    upcoming: tx.select(columns).from(incidents).where(byStatus(tx, pageId, ["scheduled"])).orderBy(asc(incidents.scheduledFor)).all(),
    inProgress: tx.select(columns).from(incidents).where(byStatus(tx, pageId, ["in_progress", "verifying"])).orderBy(asc(incidents.scheduledUntil)).all(),
    past: tx.select(columns).from(incidents).where(byStatus(tx, pageId, ["completed", "cancelled"])).orderBy(desc(incidents.scheduledFor)).limit(pastLimit).all(),
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
