// Console writes to services (components) and groups beyond creating them (db/writes/components.ts).
// Each one changes what visitors see; the public content version triggers tell the page cache.
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Tx } from "../index";
import { componentGroups, components } from "../schema";
import { nextPositionInGroup, nextTopLevelPosition } from "./components";

export interface ComponentFields {
  name: string;
  description: string | null;
  showcase: boolean;
  onlyShowIfDegraded: boolean;
  /** Left as it is when not given (the API and the YAML do not set it yet). */
  showResponseTime?: boolean;
  /** Percent, 0 < t <= 100; left as it is when not given. */
  availabilityTarget?: number;
  startDate: string | null;
}

export function updateComponentFields(tx: Tx, id: string, fields: ComponentFields, at: number): void {
  tx.update(components)
    .set({ ...fields, updatedAt: at })
    .where(eq(components.id, id))
    .run();
}

/** Puts a component last in another group (or at the top level) and closes the gap it leaves. */
export function moveComponentToGroup(tx: Tx, pageId: string, id: string, groupId: string | null, at: number): void {
  const before = tx.select({ groupId: components.groupId }).from(components).where(eq(components.id, id)).get();
  if (!before || before.groupId === groupId) return;
  const position = groupId ? nextPositionInGroup(tx, groupId) : nextTopLevelPosition(tx, pageId);
  tx.update(components).set({ groupId, position, updatedAt: at }).where(eq(components.id, id)).run();
}

export function softDeleteComponent(tx: Tx, id: string, at: number): void {
  tx.update(components).set({ deletedAt: at, updatedAt: at }).where(eq(components.id, id)).run();
}

export function updateGroupFields(
  tx: Tx,
  id: string,
  fields: { name: string; description: string | null },
  at: number,
): void {
  tx.update(componentGroups)
    .set({ ...fields, updatedAt: at })
    .where(eq(componentGroups.id, id))
    .run();
}

/** Deletes a group; its services stay, moved to the end of the top level in their order. */
export function deleteGroupKeepingServices(
  tx: Tx,
  pageId: string,
  groupId: string,
  childIds: readonly string[],
  at: number,
): void {
  let position = nextTopLevelPosition(tx, pageId);
  for (const id of childIds) {
    tx.update(components)
      .set({ groupId: null, position: position++, updatedAt: at })
      .where(eq(components.id, id))
      .run();
  }
  tx.delete(componentGroups)
    .where(and(eq(componentGroups.id, groupId), eq(componentGroups.pageId, pageId)))
    .run();
}

/**
 * Writes positions 1..n in the given order. At the top level the ids are groups and loose components
 * together; inside a group they are its components.
 */
export function writeOrder(tx: Tx, pageId: string, orderedIds: readonly string[], at: number): void {
  const groupIds = new Set(
    orderedIds.length
      ? tx
          .select({ id: componentGroups.id })
          .from(componentGroups)
          .where(and(eq(componentGroups.pageId, pageId), inArray(componentGroups.id, [...orderedIds])))
          .all()
          .map((g) => g.id)
      : [],
  );
  orderedIds.forEach((id, index) => {
    const position = index + 1;
    if (groupIds.has(id))
      tx.update(componentGroups).set({ position, updatedAt: at }).where(eq(componentGroups.id, id)).run();
    else
      tx.update(components)
        .set({ position, updatedAt: at })
        .where(and(eq(components.id, id), isNull(components.deletedAt)))
        .run();
  });
}
