import { and, desc, eq, getTableColumns, gte, inArray, ne, sql } from "drizzle-orm";
import type Database from "better-sqlite3";
import { connectionOf } from "../connection";
import type { Tx } from "../index";
import {
  automaticIncidents,
  components,
  monitorResults,
  monitors,
  monitorStateChanges,
  users,
  type Monitor,
} from "../schema";

export function findMonitor(tx: Tx, id: string): Monitor | null {
  return tx.select().from(monitors).where(eq(monitors.id, id)).get() ?? null;
}

/**
 * Several monitors in one query (a batch of results), by id. Every scheduler tick runs it, so the statement
 * is prepared once per connection (the ids go in as one JSON array) and rows are decoded by each column's own
 * drizzle decoder directly (drizzle's generic row mapper cost a quarter of a tick's write).
 */
export function findMonitors(tx: Tx, ids: readonly string[]): Map<string, Monitor> {
  if (ids.length === 0) return new Map();
  const connection = connectionOf(tx);
  let statement = preparedFind.get(connection);
  if (!statement) {
    const names = MONITOR_COLUMNS.map(([, c]) => `"${c.name}"`).join(", ");
    statement = connection
      .prepare(`select ${names} from monitors where id in (select value from json_each(?))`)
      .raw(true);
    preparedFind.set(connection, statement);
  }
  const found = new Map<string, Monitor>();
  for (const values of statement.all(JSON.stringify(ids)) as unknown[][]) {
    const row: Record<string, unknown> = {};
    MONITOR_COLUMNS.forEach(([key, column], i) => {
      const value = values[i];
      row[key] = value === null ? null : column.mapFromDriverValue(value);
    });
    found.set(row.id as string, row as Monitor);
  }
  return found;
}

const MONITOR_COLUMNS = Object.entries(getTableColumns(monitors));
const preparedFind = new WeakMap<Database.Database, Database.Statement>();

export function findMonitorByTokenHash(tx: Tx, tokenHash: string): Monitor | null {
  return (
    tx
      .select()
      .from(monitors)
      .where(and(eq(monitors.heartbeatTokenHash, tokenHash), eq(monitors.kind, "heartbeat")))
      .get() ?? null
  );
}

export function monitorsOfComponent(tx: Tx, componentId: string): Monitor[] {
  return tx.select().from(monitors).where(eq(monitors.componentId, componentId)).all();
}

export function listMonitors(tx: Tx): Monitor[] {
  return tx.select().from(monitors).orderBy(monitors.name).all();
}

export function recentResults(tx: Tx, monitorId: string, since: number, limit = 500) {
  return tx
    .select()
    .from(monitorResults)
    .where(and(eq(monitorResults.monitorId, monitorId), gte(monitorResults.at, since)))
    .orderBy(desc(monitorResults.at))
    .limit(limit)
    .all();
}

export function stateChanges(tx: Tx, monitorId: string, limit = 50) {
  return tx
    .select()
    .from(monitorStateChanges)
    .where(eq(monitorStateChanges.monitorId, monitorId))
    .orderBy(desc(monitorStateChanges.at), desc(monitorStateChanges.id))
    .limit(limit)
    .all();
}

/**
 * Always true (results cascade with their monitor), but it lets SQLite read the results through the
 * (monitor_id, at) index, one range per monitor, rather than the whole table: there is no index on `at` alone.
 */
function ofEveryMonitor(tx: Tx) {
  return inArray(monitorResults.monitorId, tx.select({ id: monitors.id }).from(monitors));
}

/** Up (or slow) share of each monitor's results since `since`, and the count; from the raw results (48 h). */
export function uptimeSince(tx: Tx, since: number): Map<string, { up: number; total: number }> {
  const rows = tx
    .select({ monitorId: monitorResults.monitorId, outcome: monitorResults.outcome, n: sql<number>`count(*)` })
    .from(monitorResults)
    .where(and(ofEveryMonitor(tx), gte(monitorResults.at, since)))
    .groupBy(monitorResults.monitorId, monitorResults.outcome)
    .all();
  const out = new Map<string, { up: number; total: number }>();
  for (const r of rows) {
    const entry = out.get(r.monitorId) ?? { up: 0, total: 0 };
    entry.total += r.n;
    if (r.outcome !== "down") entry.up += r.n;
    out.set(r.monitorId, entry);
  }
  return out;
}

/** Drafts waiting for an admin, with their service's name. */
export function waitingDrafts(tx: Tx) {
  return tx
    .select({
      id: automaticIncidents.id,
      title: automaticIncidents.title,
      createdAt: automaticIncidents.createdAt,
      serviceName: components.name,
    })
    .from(automaticIncidents)
    .innerJoin(components, eq(components.id, automaticIncidents.componentId))
    .where(eq(automaticIncidents.state, "draft"))
    .orderBy(desc(automaticIncidents.createdAt))
    .all();
}

/** Monitors that are down or degraded right now (the console overview lists them first). */
export function failingMonitors(tx: Tx) {
  return tx
    .select()
    .from(monitors)
    .where(and(eq(monitors.paused, false), inArray(monitors.state, ["down", "degraded"])))
    .orderBy(desc(monitors.stateChangedAt))
    .all();
}

/** The name of the service a monitor reports on (null: none, or it is gone). */
export function monitoredServiceName(tx: Tx, componentId: string | null): string | null {
  if (!componentId) return null;
  return (
    tx.select({ name: components.name }).from(components).where(eq(components.id, componentId)).get()?.name ?? null
  );
}

/** Whether a member asked to be emailed when a monitor goes down. */
export function wantsMonitorAlerts(tx: Tx, userId: string): boolean {
  return tx.select({ on: users.notifyOnMonitorDown }).from(users).where(eq(users.id, userId)).get()?.on ?? false;
}

/** Every monitor's results since `since` in buckets of `bucketMs`: one row per (monitor, bucket), for sparklines. */
export function resultBuckets(tx: Tx, since: number, bucketMs: number) {
  const bucket = sql<number>`(${monitorResults.at} / ${bucketMs}) * ${bucketMs}`;
  return tx
    .select({
      monitorId: monitorResults.monitorId,
      at: bucket,
      sumMs: sql<number>`coalesce(sum(${monitorResults.responseMs}), 0)`,
      timed: sql<number>`count(${monitorResults.responseMs})`,
      down: sql<number>`sum(case when ${monitorResults.outcome} = 'down' then 1 else 0 end)`,
      total: sql<number>`count(*)`,
    })
    .from(monitorResults)
    .where(and(ofEveryMonitor(tx), gte(monitorResults.at, since)))
    .groupBy(monitorResults.monitorId, bucket)
    .orderBy(monitorResults.monitorId, bucket)
    .all();
}

/** Each monitor's open automatic incident (a draft or a published one), for the list's Incident column. */
export function openAutomaticIncidentsOfMonitors(tx: Tx) {
  return tx
    .select({
      monitorId: automaticIncidents.sourceId,
      id: automaticIncidents.id,
      state: automaticIncidents.state,
      title: automaticIncidents.title,
      incidentId: automaticIncidents.incidentId,
    })
    .from(automaticIncidents)
    .where(and(eq(automaticIncidents.source, "monitor"), ne(automaticIncidents.state, "ended")))
    .all();
}
