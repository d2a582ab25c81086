// Reads of incidents and maintenances for the public pages: each list is loaded with its timeline and
// affected components in three queries, whatever its length.
import { and, asc, desc, eq, gte, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import {
  OPEN_MAINTENANCE_STATUSES,
  UNRESOLVED_INCIDENT_STATUSES,
  type AnyIncidentStatus,
  type Audience,
} from "@/db/constants";
import type { Hidden } from "@/core/audience";
import { bySeverity, timelineOrder, updateLabels } from "@/core/incident";
import type { Db } from "../index";
import { hiddenFor, notHidden } from "./audience";
import {
  components,
  incidentComponents,
  incidents,
  incidentUpdates,
  maintenanceRecurrences,
  type Incident,
} from "../schema";

export interface PublicUpdate {
  id: string;
  status: AnyIncidentStatus;
  /** The status, or "Update" when it did not change from the previous update. */
  label: string;
  body: string;
  displayAt: number;
}

export interface PublicIncident {
  incident: Incident;
  /** Newest first. */
  updates: PublicUpdate[];
  components: { id: string; name: string }[];
}

/** When an incident or maintenance happened, for placing it on a day: the window's start for a maintenance. */
export const occurredAt = (i: Pick<Incident, "kind" | "startedAt" | "scheduledFor">) =>
  i.kind === "maintenance" ? (i.scheduledFor ?? i.startedAt) : i.startedAt;
const occurredAtSql = sql`coalesce(case when ${incidents.kind} = 'maintenance' then ${incidents.scheduledFor} end, ${incidents.startedAt})`;

// Map.groupBy needs Node 21.
function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

function withDetails(db: Db, rows: Incident[], hidden: Hidden): PublicIncident[] {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const updates = db
    .select({
      id: incidentUpdates.id,
      incidentId: incidentUpdates.incidentId,
      status: incidentUpdates.status,
      body: incidentUpdates.body,
      displayAt: incidentUpdates.displayAt,
      createdAt: incidentUpdates.createdAt,
    })
    .from(incidentUpdates)
    .where(inArray(incidentUpdates.incidentId, ids))
    .all();
  const affected = db
    .select({
      incidentId: incidentComponents.incidentId,
      id: components.id,
      name: components.name,
      position: components.position,
    })
    .from(incidentComponents)
    .innerJoin(components, eq(components.id, incidentComponents.componentId))
    // A public incident that also touched an internal service does not name it.
    .where(and(inArray(incidentComponents.incidentId, ids), notHidden(components.id, hidden.componentIds)))
    .orderBy(asc(components.position), asc(components.name))
    .all();
  const updatesBy = groupBy(updates, (u) => u.incidentId);
  const componentsBy = groupBy(affected, (c) => c.incidentId);
  return rows.map((incident) => {
    const ordered = timelineOrder(updatesBy.get(incident.id) ?? []);
    const labels = updateLabels(ordered);
    return {
      incident,
      updates: ordered
        .map((u, i) => ({ id: u.id, status: u.status, label: labels[i], body: u.body, displayAt: u.displayAt }))
        .reverse(),
      components: (componentsBy.get(incident.id) ?? []).map(({ id, name }) => ({ id, name })),
    };
  });
}

function list(
  db: Db,
  hidden: Hidden,
  where: SQL | undefined,
  order: SQL = sql`${occurredAtSql} desc`,
): PublicIncident[] {
  const rows = db
    .select()
    .from(incidents)
    .where(and(where, notHidden(incidents.id, hidden.incidentIds)))
    .orderBy(order)
    .all();
  return withDetails(db, rows, hidden);
}

/** Unresolved incidents, most severe first. */
export function getActiveIncidents(db: Db, pageId: string, audience: Audience = "public"): PublicIncident[] {
  const rows = list(
    db,
    hiddenFor(db, pageId, audience),
    and(
      eq(incidents.pageId, pageId),
      eq(incidents.kind, "incident"),
      inArray(incidents.status, [...UNRESOLVED_INCIDENT_STATUSES]),
    ),
  );
  const order = bySeverity(rows.map((r) => r.incident));
  return order.map((incident) => rows.find((r) => r.incident === incident)!);
}

/** Maintenances in progress, and those scheduled, soonest first. */
export function getOpenMaintenances(
  db: Db,
  pageId: string,
  audience: Audience = "public",
): { inProgress: PublicIncident[]; upcoming: PublicIncident[] } {
  const rows = list(
    db,
    hiddenFor(db, pageId, audience),
    and(
      eq(incidents.pageId, pageId),
      eq(incidents.kind, "maintenance"),
      inArray(incidents.status, [...OPEN_MAINTENANCE_STATUSES]),
    ),
    sql`${incidents.scheduledFor} asc`,
  );
  return {
    inProgress: rows.filter((r) => r.incident.status !== "scheduled"),
    upcoming: rows.filter((r) => r.incident.status === "scheduled"),
  };
}

/** Incidents and maintenances that happened in [from, to), newest first; optionally only those affecting a component. */
export function getIncidentsBetween(
  db: Db,
  pageId: string,
  from: number,
  to: number,
  options: {
    componentId?: string;
    kind?: "incident" | "maintenance";
    includeScheduled?: boolean;
    audience?: Audience;
  } = {},
): PublicIncident[] {
  const filters = [eq(incidents.pageId, pageId), gte(occurredAtSql, from), lt(occurredAtSql, to)];
  if (options.kind) filters.push(eq(incidents.kind, options.kind));
  // A maintenance that has not started yet is "upcoming", not history.
  if (!options.includeScheduled)
    filters.push(or(eq(incidents.kind, "incident"), sql`${incidents.status} <> 'scheduled'`)!);
  if (options.componentId) {
    filters.push(
      inArray(
        incidents.id,
        db
          .select({ id: incidentComponents.incidentId })
          .from(incidentComponents)
          .where(eq(incidentComponents.componentId, options.componentId)),
      ),
    );
  }
  return list(db, hiddenFor(db, pageId, options.audience ?? "public"), and(...filters));
}

/** Incidents per component for the uptime tooltips: ids, names, when, which components; no timelines. */
export function getIncidentMarkers(db: Db, pageId: string, from: number, audience: Audience = "public") {
  const hidden = hiddenFor(db, pageId, audience);
  return db
    .select({
      id: incidents.id,
      name: incidents.name,
      startedAt: incidents.startedAt,
      resolvedAt: incidents.resolvedAt,
      componentId: incidentComponents.componentId,
    })
    .from(incidents)
    .innerJoin(incidentComponents, eq(incidentComponents.incidentId, incidents.id))
    .where(
      and(
        eq(incidents.pageId, pageId),
        eq(incidents.kind, "incident"),
        or(gte(incidents.resolvedAt, from), sql`${incidents.resolvedAt} is null`),
        notHidden(incidents.id, hidden.incidentIds),
        notHidden(incidentComponents.componentId, hidden.componentIds),
      ),
    )
    .orderBy(desc(incidents.startedAt))
    .all();
}

export function getPublicIncident(db: Db, id: string, audience: Audience = "public"): PublicIncident | undefined {
  const row = db.select({ pageId: incidents.pageId }).from(incidents).where(eq(incidents.id, id)).get();
  if (!row) return undefined;
  return list(db, hiddenFor(db, row.pageId, audience), eq(incidents.id, id))[0];
}

/** The oldest thing in the history, so /history knows where its last page is. */
export function getOldestIncidentTime(db: Db, pageId: string, audience: Audience = "public"): number | null {
  const hidden = hiddenFor(db, pageId, audience);
  const row = db
    .select({ at: sql<number | null>`min(${occurredAtSql})` })
    .from(incidents)
    .where(and(eq(incidents.pageId, pageId), notHidden(incidents.id, hidden.incidentIds)))
    .get();
  return row?.at ?? null;
}

/** How each recurring series repeats, for the maintenance its windows belong to (one query). */
export function getRecurrenceRules(db: Db, recurrenceIds: readonly string[]) {
  if (recurrenceIds.length === 0) return new Map<string, RecurrenceRule>();
  const rows = db
    .select({
      id: maintenanceRecurrences.id,
      rule: maintenanceRecurrences.rule,
      startTime: maintenanceRecurrences.startTime,
      timeZone: maintenanceRecurrences.timeZone,
      durationMinutes: maintenanceRecurrences.durationMinutes,
    })
    .from(maintenanceRecurrences)
    .where(inArray(maintenanceRecurrences.id, [...new Set(recurrenceIds)]))
    .all();
  return new Map(rows.map(({ id, ...rule }) => [id, rule]));
}

export interface RecurrenceRule {
  rule: string;
  startTime: string;
  timeZone: string;
  durationMinutes: number;
}
