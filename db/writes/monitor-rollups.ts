// Roll-ups and pruning of monitor results: bounded growth. Raw results live 48 hours; hourly roll-ups 90 days;
// daily roll-ups two years (core/rollup.ts has the numbers and the arithmetic).
//
// monitor_results has one index, (monitor_id, at): the charts need it, and every statement here reads through
// it, one range per monitor (the join with monitors), so none scans the table. An index on `at` alone cost an
// insert and a delete per result and about 16 bytes a row only for these statements. Statements prepared once
// per connection, raw: this runs for every hour of 100 monitors' results (12,000 rows at 30 s).
import type Database from "better-sqlite3";
import { and, asc, eq, inArray, isNotNull, lt, gte } from "drizzle-orm";
import { BUCKET_MS, summarise, type RollupSummary } from "@/core/rollup";
import type { CheckOutcome } from "../constants";
import { connectionOf } from "../connection";
import type { Tx } from "../index";
import { monitorRollups, monitorStateChanges, statusClaims } from "../schema";

/** The raw statements (exported for the test that reads their query plans). */
export const RESULT_SQL = {
  // CROSS JOIN keeps monitors outside: one index range per monitor (SQLite would otherwise scan the results).
  resultsBetween: `select r.monitor_id, r.outcome, r.response_ms from monitors m
    cross join monitor_results r on r.monitor_id = m.id and r.at >= ? and r.at < ?`,
  // Every result older than the cutoff has an id at or below this one (read from the index, which holds the
  // ids); the delete then walks the table's id range from its start and keeps any newer row within it.
  newestIdBefore: "select max(r.id) from monitors m cross join monitor_results r on r.monitor_id = m.id and r.at < ?",
  deleteResults: "delete from monitor_results where id <= ? and at < ?",
  upsertRollup: `insert into monitor_rollups (monitor_id, resolution, bucket_start, count_up, count_slow, count_down,
      timed_count, min_ms, avg_ms, p95_ms, max_ms) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    on conflict (monitor_id, resolution, bucket_start) do update set count_up = excluded.count_up,
      count_slow = excluded.count_slow, count_down = excluded.count_down, timed_count = excluded.timed_count,
      min_ms = excluded.min_ms, avg_ms = excluded.avg_ms, p95_ms = excluded.p95_ms, max_ms = excluded.max_ms`,
};

interface Statements {
  resultsBetween: Database.Statement;
  newestIdBefore: Database.Statement;
  deleteResults: Database.Statement;
  upsertRollup: Database.Statement;
}

const prepared = new WeakMap<Database.Database, Statements>();

function statementsOf(client: Database.Database): Statements {
  let s = prepared.get(client);
  if (!s) {
    s = {
      resultsBetween: client.prepare(RESULT_SQL.resultsBetween).raw(true),
      newestIdBefore: client.prepare(RESULT_SQL.newestIdBefore).pluck(),
      deleteResults: client.prepare(RESULT_SQL.deleteResults),
      upsertRollup: client.prepare(RESULT_SQL.upsertRollup),
    };
    prepared.set(client, s);
  }
  return s;
}

type ResultRow = [monitorId: string, outcome: CheckOutcome, responseMs: number | null];

/** Summaries per monitor of the raw results in [from, to). */
export function summariseResults(tx: Tx, from: number, to: number): Map<string, RollupSummary> {
  const byMonitor = new Map<string, { outcome: CheckOutcome; responseMs: number | null }[]>();
  for (const [monitorId, outcome, responseMs] of statementsOf(connectionOf(tx)).resultsBetween.all(
    from,
    to,
  ) as ResultRow[]) {
    let list = byMonitor.get(monitorId);
    if (!list) byMonitor.set(monitorId, (list = []));
    list.push({ outcome, responseMs });
  }
  return new Map([...byMonitor].map(([id, list]) => [id, summarise(list)]));
}

export function upsertRollups(
  tx: Tx,
  resolution: keyof typeof BUCKET_MS,
  bucketStart: number,
  summaries: Map<string, RollupSummary>,
): void {
  const { upsertRollup } = statementsOf(connectionOf(tx));
  for (const [monitorId, s] of summaries)
    upsertRollup.run(
      monitorId,
      resolution,
      bucketStart,
      s.countUp,
      s.countSlow,
      s.countDown,
      s.timedCount,
      s.minMs,
      s.avgMs,
      s.p95Ms,
      s.maxMs,
    );
}

/** Deletes the raw results older than `cutoff`; how many. */
export function pruneResults(tx: Tx, cutoff: number): number {
  const s = statementsOf(connectionOf(tx));
  const bound = s.newestIdBefore.get(cutoff) as number | null;
  return bound === null ? 0 : s.deleteResults.run(bound, cutoff).changes;
}

export function pruneMonitorData(
  tx: Tx,
  cutoffs: { results: number; hour: number; day: number },
): { results: number; rollups: number } {
  const results = pruneResults(tx, cutoffs.results);
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
