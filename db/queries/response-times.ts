// The public response-time chart's numbers (db/queries, read by the home page). Only roll-ups: raw
// monitor_results are private and change every few seconds, while an hourly roll-up appears once an hour, so
// the cached page (re-rendered when older than 60 s) is at most an hour and a minute behind. A service with
// several monitors shows their merged average, weighted by the checks that measured a time; heartbeats
// measure none and are left out.
import { and, asc, eq, gte, inArray, ne, or } from "drizzle-orm";
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

export function getResponseTimes(db: Db, componentIds: string[], now: number): Map<string, ResponseTimeSeries> {
  if (componentIds.length === 0) return new Map();
  const hourFrom = bucketStart(now, "hour") - RESPONSE_TIME_HOURS * HOUR;
  const dayFrom = bucketStart(now, "day") - RESPONSE_TIME_DAYS * DAY;
  const rows = db
    .select({
      componentId: monitors.componentId,
      resolution: monitorRollups.resolution,
      at: monitorRollups.bucketStart,
      avgMs: monitorRollups.avgMs,
      timed: monitorRollups.timedCount,
      down: monitorRollups.countDown,
      up: monitorRollups.countUp,
      slow: monitorRollups.countSlow,
    })
    .from(monitorRollups)
    .innerJoin(monitors, eq(monitors.id, monitorRollups.monitorId))
    .where(
      and(
        inArray(monitors.componentId, componentIds),
        ne(monitors.kind, "heartbeat"),
        or(
          and(eq(monitorRollups.resolution, "hour"), gte(monitorRollups.bucketStart, hourFrom)),
          and(eq(monitorRollups.resolution, "day"), gte(monitorRollups.bucketStart, dayFrom)),
        ),
      ),
    )
    .orderBy(asc(monitorRollups.bucketStart))
    .all();

  type Sum = { sum: number; timed: number; down: number; total: number };
  const sums = new Map<string, { hour: Map<number, Sum>; day: Map<number, Sum> }>();
  for (const r of rows) {
    const series = sums.get(r.componentId!) ?? { hour: new Map(), day: new Map() };
    sums.set(r.componentId!, series);
    const s = series[r.resolution].get(r.at) ?? { sum: 0, timed: 0, down: 0, total: 0 };
    series[r.resolution].set(r.at, s);
    if (r.avgMs !== null) {
      s.sum += r.avgMs * r.timed;
      s.timed += r.timed;
    }
    s.down += r.down;
    s.total += r.up + r.slow + r.down;
  }
  const points = (m: Map<number, Sum>): ChartPoint[] =>
    [...m].map(([at, s]) => ({ at, ms: s.timed ? Math.round(s.sum / s.timed) : null, down: s.down, total: s.total }));
  return new Map([...sums].map(([id, s]) => [id, { hours: points(s.hour), days: points(s.day) }]));
}
