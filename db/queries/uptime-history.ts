// Status history rows for the uptime bars: every change inside the window, plus each component's last change
// before it (the status the window starts in). Two indexed queries for the whole page.
import { and, gte, inArray, lt, sql } from "drizzle-orm";
import type { ComponentStatus } from "@/db/constants";
import type { StatusChange } from "@/core/uptime";
import type { Db } from "../index";
import { componentStatusChanges } from "../schema";

export function getStatusHistory(db: Db, componentIds: readonly string[], from: number): Map<string, StatusChange[]> {
  const byComponent = new Map<string, StatusChange[]>(componentIds.map((id) => [id, []]));
  if (componentIds.length === 0) return byComponent;
  const ids = [...componentIds];
  // SQLite returns the row holding max(at) for the bare columns of an aggregate query.
  const before = db
    .select({
      componentId: componentStatusChanges.componentId,
      status: componentStatusChanges.status,
      at: sql<number>`max(${componentStatusChanges.at})`,
    })
    .from(componentStatusChanges)
    .where(and(inArray(componentStatusChanges.componentId, ids), lt(componentStatusChanges.at, from)))
    .groupBy(componentStatusChanges.componentId)
    .all();
  const inside = db
    .select({
      componentId: componentStatusChanges.componentId,
      status: componentStatusChanges.status,
      at: componentStatusChanges.at,
    })
    .from(componentStatusChanges)
    .where(and(inArray(componentStatusChanges.componentId, ids), gte(componentStatusChanges.at, from)))
    .orderBy(componentStatusChanges.at, componentStatusChanges.id)
    .all();
  for (const row of [...before, ...inside]) {
    byComponent.get(row.componentId)?.push({ status: row.status as ComponentStatus, at: row.at });
  }
  return byComponent;
}
