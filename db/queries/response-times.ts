// The public response-time chart's numbers (db/queries, read by the home page). Only roll-ups: raw
// monitor_results are private and change every few seconds, while an hourly roll-up appears once an hour, so
// the cached page (re-rendered when older than 60 s) is at most an hour and a minute behind. A service with
// several monitors shows their merged average, weighted by the checks that measured a time; heartbeats
// measure none and are left out.
import { and, asc, eq, gte, inArray, ne } from "drizzle-orm";
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
  // From the services' monitors (their index), then each monitor's roll-ups by primary key: the cost follows
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
  // One query per monitor and resolution: `monitor_id = ?` lets SQLite use the primary key (with `IN` it
  // prefers the bucket index and reads every monitor's roll-ups of the period).
  const read = (monitorId: string, resolution: "hour" | "day", from: number) =>
    db
      .select({
        monitorId: monitorRollups.monitorId,
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
          eq(monitorRollups.monitorId, monitorId),
          eq(monitorRollups.resolution, resolution),
          gte(monitorRollups.bucketStart, from),
        ),
      )
      .orderBy(asc(monitorRollups.bucketStart))
      .all()
      .map((r) => ({ ...r, resolution, componentId: owners.get(r.monitorId)! }));
  const rows = [...owners.keys()]
    .flatMap((id) => [...read(id, "hour", hourFrom), ...read(id, "day", dayFrom)])
    .sort((a, b) => a.at - b.at);

  type Sum = { sum: number; timed: number; down: number; total: number };
  const sums = new Map<string, { hour: Map<number, Sum>; day: Map<number, Sum> }>();
  for (const r of rows) {
    const series = sums.get(r.componentId) ?? { hour: new Map(), day: new Map() };
    sums.set(r.componentId, series);
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
