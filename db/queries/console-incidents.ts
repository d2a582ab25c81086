// Reads for the console's Incidents screens: the open list, the history search, and one incident with its timeline.
import { and, count, desc, eq, gte, inArray, isNotNull, lt, sql } from "drizzle-orm";
import { RESOLVED_INCIDENT_STATUSES, UNRESOLVED_INCIDENT_STATUSES } from "@/db/constants";
import type { Tx } from "../index";
import { components, incidentComponents, incidents, incidentUpdateComponents, incidentUpdates } from "../schema";

const lastUpdateAt = sql<
  number | null
>`(select max(${incidentUpdates.displayAt}) from ${incidentUpdates} where ${incidentUpdates.incidentId} = ${incidents.id})`;

const listColumns = {
  id: incidents.id,
  name: incidents.name,
  status: incidents.status,
  impact: incidents.impact,
  startedAt: incidents.startedAt,
  resolvedAt: incidents.resolvedAt,
  backfilled: incidents.backfilled,
  lastUpdateAt,
};

export type ConsoleIncidentRow = {
  id: string;
  name: string;
  status: (typeof incidents.$inferSelect)["status"];
  impact: (typeof incidents.$inferSelect)["impact"];
  startedAt: number;
  resolvedAt: number | null;
  backfilled: boolean;
  lastUpdateAt: number | null;
};

export type OpenIncidentRow = ConsoleIncidentRow & {
  /** Whole minutes since the latest update. */
  quietMinutes: number;
  /** Quiet for at least the page's stale_incident_minutes. */
  stale: boolean;
};

/** Unresolved incidents, newest first, each flagged when its latest update is older than the page allows. */
export function listOpenIncidents(
  tx: Tx,
  page: { id: string; staleIncidentMinutes: number },
  now = Date.now(),
): OpenIncidentRow[] {
  return tx
    .select(listColumns)
    .from(incidents)
    .where(
      and(
        eq(incidents.pageId, page.id),
        eq(incidents.kind, "incident"),
        inArray(incidents.status, [...UNRESOLVED_INCIDENT_STATUSES]),
      ),
    )
    .orderBy(desc(incidents.startedAt))
    .all()
    .map((row) => {
      const quietMinutes = Math.max(0, Math.floor((now - (row.lastUpdateAt ?? row.startedAt)) / 60_000));
      return { ...row, quietMinutes, stale: quietMinutes >= page.staleIncidentMinutes };
    });
}

export function findConsoleIncident(tx: Tx, pageId: string, id: string) {
  return tx
    .select()
    .from(incidents)
    .where(and(eq(incidents.id, id), eq(incidents.pageId, pageId), eq(incidents.kind, "incident")))
    .get();
}

/** The timeline, newest first, each update with the service status changes it made. */
export function incidentTimeline(tx: Tx, incidentId: string) {
  const updates = tx
    .select()
    .from(incidentUpdates)
    .where(eq(incidentUpdates.incidentId, incidentId))
    .orderBy(desc(incidentUpdates.displayAt), desc(incidentUpdates.createdAt))
    .all();
  const changes = updates.length
    ? tx
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
  return updates.map((u) => ({ ...u, changes: changes.filter((c) => c.updateId === u.id) }));
}

/** The services an incident affects, with their current status. */
export function incidentServices(tx: Tx, incidentId: string) {
  return tx
    .select({ id: components.id, name: components.name, status: components.status })
    .from(incidentComponents)
    .innerJoin(components, eq(components.id, incidentComponents.componentId))
    .where(eq(incidentComponents.incidentId, incidentId))
    .all();
}

export interface HistoryFilter {
  /** Words in the incident's name. */
  q?: string;
  status?: (typeof RESOLVED_INCIDENT_STATUSES)[number] | "open";
  componentId?: string;
  /** Started at or after / before, epoch ms. */
  from?: number;
  to?: number;
}

export const HISTORY_PAGE_SIZE = 25;

/** Incidents matching a filter, newest first, a page at a time, with the total for the pager. */
export function searchIncidentHistory(
  tx: Tx,
  pageId: string,
  filter: HistoryFilter,
  pageNumber = 1,
): { rows: ConsoleIncidentRow[]; total: number } {
  const conditions = [eq(incidents.pageId, pageId), eq(incidents.kind, "incident")];
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(sql`${incidents.name} like ${pattern} escape '\\'`);
  }
  if (filter.status === "open") conditions.push(inArray(incidents.status, [...UNRESOLVED_INCIDENT_STATUSES]));
  else if (filter.status === "resolved") conditions.push(inArray(incidents.status, [...RESOLVED_INCIDENT_STATUSES]));
  // A published postmortem is what makes an incident "postmortem", whatever its stored status.
  else if (filter.status === "postmortem") conditions.push(isNotNull(incidents.postmortemPublishedAt));
  if (filter.componentId) {
    conditions.push(
      sql`exists (select 1 from ${incidentComponents} where ${incidentComponents.incidentId} = ${incidents.id} and ${incidentComponents.componentId} = ${filter.componentId})`,
    );
  }
  if (filter.from !== undefined) conditions.push(gte(incidents.startedAt, filter.from));
  if (filter.to !== undefined) conditions.push(lt(incidents.startedAt, filter.to));
  const where = and(...conditions);
  const total = tx.select({ n: count() }).from(incidents).where(where).get()?.n ?? 0;
  const rows = tx
    .select(listColumns)
    .from(incidents)
    .where(where)
    .orderBy(desc(incidents.startedAt), desc(incidents.id))
    .limit(HISTORY_PAGE_SIZE)
    .offset((Math.max(1, pageNumber) - 1) * HISTORY_PAGE_SIZE)
    .all();
  return { rows, total };
}
