// The public response-time chart's numbers (db/queries, read by the home page). Only roll-ups: raw
// monitor_results are private and change every few seconds, while an hourly roll-up appears once an hour, so
// the cached page (re-rendered when older than 60 s) is at most an hour and a minute behind. A service with
// several monitors shows their merged average, weighted by the checks that measured a time; heartbeats
// measure none and are left out.
import { and, asc, eq, gte, inArray, ne, sql } from "drizzle-orm";
import type { ChartPoint } from "@/core/monitor-types";
import { bucketStart } from "@/core/rollup";
import { DAY, HOUR } from "@/core/time";
import type { Db } from "../index";
import { monitorRollups, monitors } from "../schema";

export const RESPONSE_TIME_HOURS = 24;
export const RESPONSE_TIME_DAYS = 90;

export interface ResponseTimeSeries {
  /** The last 24 complete hours that have checks, oldest first. */
  hours: ChartPoint[];
  /** The last 90 complete days that have checks, oldest first. */
  days: ChartPoint[];
}

/**
 * One monitor's roll-ups of one resolution since a time. One statement per monitor: `monitor_id = ?` lets
 * SQLite read them by the primary key (given an `IN` list it prefers the bucket index and reads every
 * monitor's roll-ups of the period), prepared once per connection so a page of many charts stays cheap.
 */
const statements = new WeakMap<Db, ReturnType<typeof prepareRollups>>();
function prepareRollups(db: Db) {
  return db
    .select({
      at: monitorRollups.bucketStart,
      avgMs: monitorRollups.avgMs,
      timed: monitorRollups.timedCount,
      down: monitorRollups.countDown,
      up: monitorRollups.countUp,
      slow: monitorRollups.countSlow,
    })
    .from(monitorRollups)
    .where(
      and(
        eq(monitorRollups.monitorId, sql.placeholder("monitorId")),
        eq(monitorRollups.resolution, sql.placeholder("resolution")),
        gte(monitorRollups.bucketStart, sql.placeholder("from")),
      ),
    )
    .orderBy(asc(monitorRollups.bucketStart))
    .prepare();
}
function rollupsStatement(db: Db) {
  let statement = statements.get(db);
  if (!statement) statements.set(db, (statement = prepareRollups(db)));
  return statement;
}

export function getResponseTimes(db: Db, componentIds: string[], now: number): Map<string, ResponseTimeSeries> {
  if (componentIds.length === 0) return new Map();
  const hourFrom = bucketStart(now, "hour") - RESPONSE_TIME_HOURS * HOUR;
  const dayFrom = bucketStart(now, "day") - RESPONSE_TIME_DAYS * DAY;
  // The services' monitors (by their index), then each one's roll-ups (by the primary key): the cost follows
  // the charts shown, not the number of monitors in the installation.
  const owners = new Map(
    db
      .select({ id: monitors.id, componentId: monitors.componentId })
      .from(monitors)
      .where(and(inArray(monitors.componentId, componentIds), ne(monitors.kind, "heartbeat")))
      .all()
      .map((m) => [m.id, m.componentId!]),
  );
  if (owners.size === 0) return new Map();
  type Sum = { sum: number; timed: number; down: number; total: number };
  const sums = new Map<string, { hour: Map<number, Sum>; day: Map<number, Sum> }>();
  const add = (componentId: string, resolution: "hour" | "day", from: number, monitorId: string) => {
    const series = sums.get(componentId) ?? { hour: new Map(), day: new Map() };
    sums.set(componentId, series);
    const buckets = series[resolution];
    for (const r of rollupsStatement(db).all({ monitorId, resolution, from })) {
      let s = buckets.get(r.at);
      if (!s) buckets.set(r.at, (s = { sum: 0, timed: 0, down: 0, total: 0 }));
      if (r.avgMs !== null) {
        s.sum += r.avgMs * r.timed;
        s.timed += r.timed;
      }
      s.down += r.down;
      s.total += r.up + r.slow + r.down;
    }
  };
  for (const [monitorId, componentId] of owners) {
    add(componentId, "hour", hourFrom, monitorId);
    add(componentId, "day", dayFrom, monitorId);
  }
  const points = (m: Map<number, Sum>): ChartPoint[] =>
    [...m]
      .sort((a, b) => a[0] - b[0])
      .map(([at, s]) => ({ at, ms: s.timed ? Math.round(s.sum / s.timed) : null, down: s.down, total: s.total }));
  return new Map([...sums].map(([id, s]) => [id, { hours: points(s.hour), days: points(s.day) }]));
}
