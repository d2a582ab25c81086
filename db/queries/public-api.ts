// Reads for the public interfaces (Statuspage API v2, feeds, calendar, badge): everything the serializers
// in lib/api/statuspage.ts need, in as few queries as possible.
import { and, asc, desc, eq, inArray, isNull, type SQL } from "drizzle-orm";
import type { Db } from "../index";
import {
  componentGroups,
  components,
  incidentComponents,
  incidents,
  incidentUpdateComponents,
  incidentUpdates,
  type Component,
  type ComponentGroup,
  type Incident,
  type IncidentUpdate,
  type IncidentUpdateComponent,
} from "../schema";

export interface IncidentBundle {
  incident: Incident;
  /** Newest first. */
  updates: (IncidentUpdate & { affected: IncidentUpdateComponent[] })[];
  /** The affected components that still exist, in page order. */
  components: Component[];
}

export function loadComponentsAndGroups(db: Db, pageId: string): { groups: ComponentGroup[]; components: Component[] } {
  return {
    groups: db.select().from(componentGroups).where(eq(componentGroups.pageId, pageId)).orderBy(asc(componentGroups.position)).all(),
    components: db
      .select()
      .from(components)
      .where(and(eq(components.pageId, pageId), isNull(components.deletedAt)))
      .orderBy(asc(components.position), asc(components.createdAt))
      .all(),
  };
}

export interface IncidentQuery {
  where: SQL | undefined;
  order: "created_desc" | "scheduled_desc" | "scheduled_asc";
  limit: number;
}

/** Incidents (or maintenances) matching `where`, each with its timeline and affected components. */
export function loadIncidentBundles(db: Db, pageId: string, query: IncidentQuery): IncidentBundle[] {
  const order =
    query.order === "created_desc"
      ? [desc(incidents.createdAt), desc(incidents.id)]
      : query.order === "scheduled_desc"
        ? [desc(incidents.scheduledFor), desc(incidents.createdAt)]
        : [asc(incidents.scheduledFor), asc(incidents.createdAt)];
  const rows = db
    .select()
    .from(incidents)
    .where(and(eq(incidents.pageId, pageId), query.where))
    .orderBy(...order)
    .limit(query.limit)
    .all();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const updates = db
    .select()
    .from(incidentUpdates)
    .where(inArray(incidentUpdates.incidentId, ids))
    .orderBy(desc(incidentUpdates.displayAt), desc(incidentUpdates.createdAt))
    .all();
  const affected = updates.length
    ? db
        .select()
        .from(incidentUpdateComponents)
        .where(
          inArray(
            incidentUpdateComponents.updateId,
            updates.map((u) => u.id),
          ),
        )
        .all()
    : [];
  const links = db.select().from(incidentComponents).where(inArray(incidentComponents.incidentId, ids)).all();
  const linked = links.length
    ? db
        .select()
        .from(components)
        .where(
          and(
            inArray(components.id, [...new Set(links.map((l) => l.componentId))]),
            isNull(components.deletedAt),
          ),
        )
        .orderBy(asc(components.position))
        .all()
    : [];
  return rows.map((incident) => ({
    incident,
    updates: updates
      .filter((u) => u.incidentId === incident.id)
      .map((u) => ({ ...u, affected: affected.filter((a) => a.updateId === u.id) })),
    components: linked.filter((c) => links.some((l) => l.incidentId === incident.id && l.componentId === c.id)),
  }));
}

/** Ids of the incidents that affect a component (for the per-component feeds). */
export function incidentIdsForComponent(db: Db, componentId: string): string[] {
  return db
    .select({ id: incidentComponents.incidentId })
    .from(incidentComponents)
    .where(eq(incidentComponents.componentId, componentId))
    .all()
    .map((r) => r.id);
}

export function findLiveComponent(db: Db, pageId: string, id: string): Component | undefined {
  return db
    .select()
    .from(components)
    .where(and(eq(components.id, id), eq(components.pageId, pageId), isNull(components.deletedAt)))
    .get();
}
