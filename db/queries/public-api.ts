// Reads for the public interfaces (Statuspage API v2, feeds, calendar, badge): everything the serializers
// in services/api/statuspage.ts need, in as few queries as possible.
import { and, asc, desc, eq, gte, inArray, isNull, max, or } from "drizzle-orm";
import type { AnyIncidentStatus, Audience, IncidentKind } from "../constants";
import type { Hidden } from "@/core/audience";
import type { Db } from "../index";
import { hiddenFor, notHidden } from "./audience";
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

export function loadComponentsAndGroups(
  db: Db,
  pageId: string,
  audience: Audience = "public",
): { groups: ComponentGroup[]; components: Component[] } {
  const hidden = hiddenFor(db, pageId, audience);
  return {
    groups: db
      .select()
      .from(componentGroups)
      .where(and(eq(componentGroups.pageId, pageId), notHidden(componentGroups.id, hidden.groupIds)))
      .orderBy(asc(componentGroups.position))
      .all(),
    components: db
      .select()
      .from(components)
      .where(
        and(eq(components.pageId, pageId), isNull(components.deletedAt), notHidden(components.id, hidden.componentIds)),
      )
      .orderBy(asc(components.position), asc(components.createdAt))
      .all(),
  };
}

/** Which incidents (or maintenances) to load: every field given narrows the list; none means all of the page's. */
export interface IncidentFilter {
  kind?: IncidentKind;
  ids?: readonly string[];
  statuses?: readonly AnyIncidentStatus[];
  /** Only those that affect this component (the per-component feeds). */
  componentId?: string;
  /** Only those still scheduled, or whose window ends at or after this time (the calendar keeps recent ones). */
  scheduledOrEndingSince?: number;
  /** Who is reading: "public" (the default) leaves out internal incidents and the internal services named. */
  audience?: Audience;
}

export interface IncidentQuery extends IncidentFilter {
  order: "created_desc" | "scheduled_desc" | "scheduled_asc";
  limit: number;
}

function incidentWhere(db: Db, pageId: string, f: IncidentFilter, hidden: Hidden) {
  return and(
    eq(incidents.pageId, pageId),
    notHidden(incidents.id, hidden.incidentIds),
    f.kind ? eq(incidents.kind, f.kind) : undefined,
    f.ids ? inArray(incidents.id, [...f.ids]) : undefined,
    f.statuses ? inArray(incidents.status, [...f.statuses]) : undefined,
    f.componentId
      ? inArray(
          incidents.id,
          db
            .select({ id: incidentComponents.incidentId })
            .from(incidentComponents)
            .where(eq(incidentComponents.componentId, f.componentId)),
        )
      : undefined,
    f.scheduledOrEndingSince !== undefined
      ? or(gte(incidents.scheduledUntil, f.scheduledOrEndingSince), eq(incidents.status, "scheduled"))
      : undefined,
  );
}

/** Incidents (or maintenances) matching the filter, each with its timeline and affected components. */
export function loadIncidentBundles(db: Db, pageId: string, query: IncidentQuery): IncidentBundle[] {
  // An empty list of ids or statuses matches nothing (rather than everything, as a missing one does).
  if (query.ids?.length === 0 || query.statuses?.length === 0) return [];
  const order =
    query.order === "created_desc"
      ? [desc(incidents.createdAt), desc(incidents.id)]
      : query.order === "scheduled_desc"
        ? [desc(incidents.scheduledFor), desc(incidents.createdAt)]
        : [asc(incidents.scheduledFor), asc(incidents.createdAt)];
  const hidden = hiddenFor(db, pageId, query.audience ?? "public");
  const rows = db
    .select()
    .from(incidents)
    .where(incidentWhere(db, pageId, query, hidden))
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
          and(
            inArray(
              incidentUpdateComponents.updateId,
              updates.map((u) => u.id),
            ),
            notHidden(incidentUpdateComponents.componentId, hidden.componentIds),
          ),
        )
        .all()
    : [];
  const links = db
    .select()
    .from(incidentComponents)
    .where(
      and(inArray(incidentComponents.incidentId, ids), notHidden(incidentComponents.componentId, hidden.componentIds)),
    )
    .all();
  const linked = links.length
    ? db
        .select()
        .from(components)
        .where(and(inArray(components.id, [...new Set(links.map((l) => l.componentId))]), isNull(components.deletedAt)))
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

/** The latest change to any of the page's components or incidents (0 when there are none). */
export function lastChangeAt(db: Db, pageId: string): number {
  const c = db
    .select({ at: max(components.updatedAt) })
    .from(components)
    .where(eq(components.pageId, pageId))
    .get();
  const i = db
    .select({ at: max(incidents.updatedAt) })
    .from(incidents)
    .where(eq(incidents.pageId, pageId))
    .get();
  return Math.max(c?.at ?? 0, i?.at ?? 0);
}

/** Every component an incident affects (deleted ones too: a webhook scoped to one still hears the news). */
export function affectedComponentIds(db: Db, incidentId: string): string[] {
  return db
    .select({ id: incidentComponents.componentId })
    .from(incidentComponents)
    .where(eq(incidentComponents.incidentId, incidentId))
    .all()
    .map((r) => r.id);
}

export function findLiveComponent(
  db: Db,
  pageId: string,
  id: string,
  audience: Audience = "public",
): Component | undefined {
  const component = db
    .select()
    .from(components)
    .where(and(eq(components.id, id), eq(components.pageId, pageId), isNull(components.deletedAt)))
    .get();
  return component && !hiddenFor(db, pageId, audience).componentIds.has(component.id) ? component : undefined;
}
