// The points of a monitor's response-time chart: 24 hours from raw results in 5-minute buckets, 7 days from
// the hourly roll-ups, 90 days from the daily ones (so the 90-day chart reads at most 90 rows).
import type { Db } from "@/db";
import { openAutomaticIncidentsOfMonitors, recentResults, resultBuckets, uptimeSince } from "@/db/queries/monitors";
import { rollupsOf } from "@/db/writes/monitor-rollups";
import type { ChartPoint } from "@/core/monitor-types";
import { DAY, HOUR, MINUTE } from "@/core/time";

export type ChartRange = "24h" | "7d" | "90d";

export function chartPoints(db: Db, monitorId: string, range: ChartRange, now = Date.now()): ChartPoint[] {
  if (range === "24h") {
    const bucket = 5 * MINUTE;
    const byBucket = new Map<number, { sum: number; timed: number; down: number; total: number }>();
    for (const r of recentResults(db, monitorId, now - DAY, 20_000)) {
      const at = Math.floor(r.at / bucket) * bucket;
      const b = byBucket.get(at) ?? { sum: 0, timed: 0, down: 0, total: 0 };
      b.total++;
      if (r.outcome === "down") b.down++;
      if (r.responseMs !== null) {
        b.sum += r.responseMs;
        b.timed++;
      }
      byBucket.set(at, b);
    }
    return [...byBucket]
      .sort((a, b) => a[0] - b[0])
      .map(([at, b]) => ({ at, ms: b.timed ? Math.round(b.sum / b.timed) : null, down: b.down, total: b.total }));
  }
  const rows = rollupsOf(db, [monitorId], range === "7d" ? "hour" : "day", now - (range === "7d" ? 7 : 90) * DAY);
  return rows.map((r) => ({
    at: r.bucketStart,
    ms: r.avgMs,
    down: r.countDown,
    total: r.countUp + r.countSlow + r.countDown,
  }));
}

/** The list page's numbers: each monitor's uptime over the last 24 hours. */
export function uptimeLastDay(db: Db, now = Date.now()) {
  return uptimeSince(db, now - DAY);
}

export function lastDayResults(db: Db, monitorId: string, limit: number, now = Date.now()) {
  return recentResults(db, monitorId, now - DAY, limit);
}

/** A monitor's last 24 hours for the list: half-hour points, and the numbers the picture shows, as numbers. */
export interface SparklineData {
  points: ChartPoint[];
  /** Average response time of the checks that answered; null when none did. */
  avgMs: number | null;
  failures: number;
  total: number;
}

/** Every monitor's sparkline, from one grouped query (the list page must not read 24 h of rows per monitor). */
export function sparklines(db: Db, now = Date.now()): Map<string, SparklineData> {
  const out = new Map<string, SparklineData & { sumMs: number; timed: number }>();
  for (const b of resultBuckets(db, now - DAY, HOUR / 2)) {
    const line = out.get(b.monitorId) ?? { points: [], avgMs: null, failures: 0, total: 0, sumMs: 0, timed: 0 };
    line.points.push({ at: b.at, ms: b.timed ? Math.round(b.sumMs / b.timed) : null, down: b.down, total: b.total });
    line.failures += b.down;
    line.total += b.total;
    line.sumMs += b.sumMs;
    line.timed += b.timed;
    out.set(b.monitorId, line);
  }
  return new Map(
    [...out].map(([id, { sumMs, timed, ...line }]) => [
      id,
      { ...line, avgMs: timed ? Math.round(sumMs / timed) : null },
    ]),
  );
}

/** Where each monitor's open automatic incident is: the incident once published, the drafts while a draft. */
export function incidentLinks(db: Db): Map<string, { href: string; label: string }> {
  const out = new Map<string, { href: string; label: string }>();
  for (const a of openAutomaticIncidentsOfMonitors(db)) {
    if (a.state === "published" && a.incidentId)
      out.set(a.monitorId, { href: `/admin/incidents/${a.incidentId}`, label: a.title });
    else if (a.state === "draft") out.set(a.monitorId, { href: "/admin/monitors#drafts", label: `Draft: ${a.title}` });
  }
  return out;
}
