// Reads for the console's Services screens. Deleted components are left out.
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Tx } from "../index";
import { componentGroups, components, incidentComponents, type Component, type ComponentGroup } from "../schema";

export type ConsoleRow =
  { type: "group"; group: ComponentGroup; components: Component[] } | { type: "component"; component: Component };

export function getServiceTree(tx: Tx, pageId: string): ConsoleRow[] {
  const groups = tx.select().from(componentGroups).where(eq(componentGroups.pageId, pageId)).all();
  const live = tx
    .select()
    .from(components)
    .where(and(eq(components.pageId, pageId), isNull(components.deletedAt)))
    .orderBy(asc(components.position), asc(components.createdAt))
    .all();
  const rows = [
    ...groups.map((group) => ({
      position: group.position,
      row: { type: "group" as const, group, components: live.filter((c) => c.groupId === group.id) },
    })),
    ...live
      .filter((c) => c.groupId === null)
      .map((component) => ({ position: component.position, row: { type: "component" as const, component } })),
  ];
  return rows.sort((a, b) => a.position - b.position).map((r) => r.row);
}

export function findLiveComponent(tx: Tx, pageId: string, id: string): Component | undefined {
  return tx
    .select()
    .from(components)
    .where(and(eq(components.id, id), eq(components.pageId, pageId), isNull(components.deletedAt)))
    .get();
}

export function findGroup(tx: Tx, pageId: string, id: string): ComponentGroup | undefined {
  return tx
    .select()
    .from(componentGroups)
    .where(and(eq(componentGroups.id, id), eq(componentGroups.pageId, pageId)))
    .get();
}

export function listGroups(tx: Tx, pageId: string): Pick<ComponentGroup, "id" | "name">[] {
  return tx
    .select({ id: componentGroups.id, name: componentGroups.name })
    .from(componentGroups)
    .where(eq(componentGroups.pageId, pageId))
    .orderBy(asc(componentGroups.position))
    .all();
}

/** Ids in order of the rows sharing a parent: a group's components, or the top level (groups and loose components). */
export function siblingIds(tx: Tx, pageId: string, groupId: string | null): string[] {
  if (groupId) {
    return tx
      .select({ id: components.id })
      .from(components)
      .where(and(eq(components.groupId, groupId), isNull(components.deletedAt)))
      .orderBy(asc(components.position), asc(components.createdAt))
      .all()
      .map((r) => r.id);
  }
  return getServiceTree(tx, pageId).map((row) => (row.type === "group" ? row.group.id : row.component.id));
}

export function countIncidentLinks(tx: Tx, componentId: string): number {
  return (
    tx
      .select({ n: sql<number>`count(distinct ${incidentComponents.incidentId})` })
      .from(incidentComponents)
      .where(eq(incidentComponents.componentId, componentId))
      .get()?.n ?? 0
  );
}
