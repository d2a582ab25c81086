// The points of a monitor's response-time chart: 24 hours from raw results in 5-minute buckets, 7 days from
// the hourly roll-ups, 90 days from the daily ones (so the 90-day chart reads at most 90 rows).
import type { Db } from "@/db";
import { recentResults, uptimeSince } from "@/db/queries/monitors";
import { rollupsOf } from "@/db/writes/monitor-rollups";
import type { ChartPoint } from "@/lib/domain/monitor-types";
import { DAY, MINUTE } from "@/lib/time";

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
    return [...byBucket].sort((a, b) => a[0] - b[0]).map(([at, b]) => ({ at, ms: b.timed ? Math.round(b.sum / b.timed) : null, down: b.down, total: b.total }));
  }
  const rows = rollupsOf(db, [monitorId], range === "7d" ? "hour" : "day", now - (range === "7d" ? 7 : 90) * DAY);
  return rows.map((r) => ({ at: r.bucketStart, ms: r.avgMs, down: r.countDown, total: r.countUp + r.countSlow + r.countDown }));
}

/** The list page's numbers: each monitor's uptime over the last 24 hours. */
export function uptimeLastDay(db: Db, now = Date.now()) {
  return uptimeSince(db, now - DAY);
}

export function lastDayResults(db: Db, monitorId: string, limit: number, now = Date.now()) {
  return recentResults(db, monitorId, now - DAY, limit);
}
