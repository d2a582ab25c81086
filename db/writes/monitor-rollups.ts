// Roll-ups and pruning of monitor results: bounded growth. Raw results live 48 hours; hourly roll-ups 90 days;
// daily roll-ups two years (core/rollup.ts has the numbers and the arithmetic).
import { and, asc, eq, gte, inArray, isNotNull, lt } from "drizzle-orm";
import { BUCKET_MS, summarise, type RollupSummary } from "@/core/rollup";
import type { Tx } from "../index";
import { monitorResults, monitorRollups, monitorStateChanges, statusClaims } from "../schema";

/** Summaries per monitor of the raw results in [from, to). */
export function summariseResults(tx: Tx, from: number, to: number): Map<string, RollupSummary> {
  const rows = tx
    .select({
      monitorId: monitorResults.monitorId,
      outcome: monitorResults.outcome,
      responseMs: monitorResults.responseMs,
    })
    .from(monitorResults)
    .where(and(gte(monitorResults.at, from), lt(monitorResults.at, to)))
    .orderBy(asc(monitorResults.monitorId))
    .all();
  const byMonitor = new Map<string, typeof rows>();
  for (const r of rows) {
    const list = byMonitor.get(r.monitorId) ?? [];
    list.push(r);
    byMonitor.set(r.monitorId, list);
  }
  return new Map([...byMonitor].map(([id, list]) => [id, summarise(list)]));
}

export function upsertRollups(
  tx: Tx,
  resolution: keyof typeof BUCKET_MS,
  bucketStart: number,
  summaries: Map<string, RollupSummary>,
): void {
  for (const [monitorId, s] of summaries) {
    tx.insert(monitorRollups)
      .values({ monitorId, resolution, bucketStart, ...s })
      .onConflictDoUpdate({
        target: [monitorRollups.monitorId, monitorRollups.resolution, monitorRollups.bucketStart],
        set: s,
      })
      .run();
  }
}

export function pruneMonitorData(
  tx: Tx,
  cutoffs: { results: number; hour: number; day: number },
): { results: number; rollups: number } {
  const results = tx.delete(monitorResults).where(lt(monitorResults.at, cutoffs.results)).run().changes;
  const hours = tx
    .delete(monitorRollups)
    .where(and(eq(monitorRollups.resolution, "hour"), lt(monitorRollups.bucketStart, cutoffs.hour)))
    .run().changes;
  const days = tx
    .delete(monitorRollups)
    .where(and(eq(monitorRollups.resolution, "day"), lt(monitorRollups.bucketStart, cutoffs.day)))
    .run().changes;
  // State changes and ended claims are few, and kept as long as the daily roll-ups.
  tx.delete(monitorStateChanges).where(lt(monitorStateChanges.at, cutoffs.day)).run();
  tx.delete(statusClaims)
    .where(and(isNotNull(statusClaims.endedAt), lt(statusClaims.endedAt, cutoffs.day)))
    .run();
  return { results, rollups: hours + days };
}

export function rollupsOf(tx: Tx, monitorIds: string[], resolution: keyof typeof BUCKET_MS, from: number) {
  return tx
    .select()
    .from(monitorRollups)
    .where(
      and(
        // One monitor: `=` so SQLite reads it by the primary key (given `IN`, it prefers the bucket index
        // and reads every monitor's roll-ups of the period).
        monitorIds.length === 1
          ? eq(monitorRollups.monitorId, monitorIds[0]!)
          : inArray(monitorRollups.monitorId, monitorIds),
        eq(monitorRollups.resolution, resolution),
        gte(monitorRollups.bucketStart, from),
      ),
    )
    .orderBy(asc(monitorRollups.bucketStart))
    .all();
}
