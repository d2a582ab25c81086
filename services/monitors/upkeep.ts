// The monitors' scheduled upkeep (a job of services/jobs/background.ts, every few seconds, cheap when idle):
//   1. roll up each finished hour and day of raw results (once: a high-water mark in app_state);
//   2. prune what is past its retention, so the database stops growing;
//   3. reconcile every service with claims or an automation-set status (a maintenance that ended, an incident
//      an admin resolved) and catch up automatic incidents (level-based, so a crash in between is repaired).
import type { Db } from "@/db";
import { componentsToReconcile } from "@/db/queries/claims";
import { listMonitors } from "@/db/queries/monitors";
import { pruneMonitorData, summariseResults, upsertRollups } from "@/db/writes/monitor-rollups";
import { readAppState, writeAppState } from "@/db/writes/page";
import { BUCKET_MS, bucketStart, RETENTION } from "@/core/rollup";
import { reconcileComponentStatus } from "./apply-claims";
import { reconcileAutomaticIncident } from "./automation";

const MARK = "monitors.rolled_up_until";

/** Rolls up every complete hour (and day) since the mark, at most two days' worth per call. */
export function rollUpResults(db: Db, now: number): number {
  const end = bucketStart(now, "hour");
  return db.transaction(
    (tx) => {
      const mark = Number(readAppState(tx, MARK) ?? 0);
      let from = Math.max(mark, end - RETENTION.results);
      let buckets = 0;
      for (; from < end; from += BUCKET_MS.hour) {
        upsertRollups(tx, "hour", from, summariseResults(tx, from, from + BUCKET_MS.hour));
        buckets++;
        const next = from + BUCKET_MS.hour;
        // A day is complete when its last hour is: roll it up from the raw results, still all there (48 h).
        if (next % BUCKET_MS.day === 0)
          upsertRollups(tx, "day", next - BUCKET_MS.day, summariseResults(tx, next - BUCKET_MS.day, next));
      }
      if (buckets) writeAppState(tx, MARK, String(end), now);
      return buckets;
    },
    { behavior: "immediate" },
  );
}

export async function runMonitorUpkeep(
  db: Db,
  now: number,
): Promise<{ rolledUp: number; pruned: number; reconciled: number }> {
  const rolledUp = rollUpResults(db, now);
  const pruned = db.transaction(
    (tx) =>
      pruneMonitorData(tx, { results: now - RETENTION.results, hour: now - RETENTION.hour, day: now - RETENTION.day }),
    { behavior: "immediate" },
  );
  let reconciled = 0;
  db.transaction(
    (tx) => {
      for (const id of componentsToReconcile(tx)) if (reconcileComponentStatus(tx, id, now).changed) reconciled++;
    },
    { behavior: "immediate" },
  );
  for (const monitor of listMonitors(db)) {
    if (monitor.componentId && !monitor.paused && monitor.incidentMode !== "status_only")
      await reconcileAutomaticIncident(db, monitor.id, now);
  }
  return { rolledUp, pruned: pruned.results + pruned.rollups, reconciled };
}
