import { OPEN_MAINTENANCE_STATUSES } from "@/db/constants";
import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import type { Tx } from "../index";
import { components, incidents, incidentUpdates } from "../schema";

export function findIncident(tx: Tx, id: string) {
  return tx.select().from(incidents).where(eq(incidents.id, id)).get();
}

export function findUpdate(tx: Tx, id: string) {
  return tx.select().from(incidentUpdates).where(eq(incidentUpdates.id, id)).get();
}

export function latestUpdate(tx: Tx, incidentId: string) {
  return tx
    .select()
    .from(incidentUpdates)
    .where(eq(incidentUpdates.incidentId, incidentId))
    .orderBy(desc(incidentUpdates.displayAt), desc(incidentUpdates.createdAt))
    .limit(1)
    .get();
}

export function countUpdates(tx: Tx, incidentId: string): number {
  return tx
    .select({ id: incidentUpdates.id })
    .from(incidentUpdates)
    .where(eq(incidentUpdates.incidentId, incidentId))
    .all().length;
}

/** The live (not deleted) components among `ids`, for validating input. */
export function liveComponentIds(tx: Tx, pageId: string, ids: readonly string[]): Set<string> {
  if (ids.length === 0) return new Set();
  return new Set(
    tx
      .select({ id: components.id })
      .from(components)
      .where(and(eq(components.pageId, pageId), inArray(components.id, [...ids]), isNull(components.deletedAt)))
      .all()
      .map((r) => r.id),
  );
}

/** Maintenances that are not finished: the automation looks at these on every tick. */
export function openMaintenances(tx: Tx) {
  return tx
    .select()
    .from(incidents)
    .where(and(eq(incidents.kind, "maintenance"), inArray(incidents.status, [...OPEN_MAINTENANCE_STATUSES])))
    .all();
}
