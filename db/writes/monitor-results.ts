// The hot path of monitoring: one result row and the monitor's new streaks, state and next run, written with
// statements prepared once per connection. Drizzle builds its SQL anew on every call, which capped the writes
// at a few thousand results a second; a year at 100 monitors at 30 s is 105 M results. The statements write
// exactly what recordMonitorResult (db/writes/monitors.ts, the reference written with drizzle) writes: a test
// compares the two row for row (db/writes/monitor-results.test.ts).
import type Database from "better-sqlite3";
import type { DampedStep } from "@/core/flap-damping";
import { connectionOf } from "../connection";
import type { Tx } from "../index";
import type { Monitor } from "../schema";
import { insertStateChange, type RecordedResult } from "./monitors";

interface Statements {
  insertResult: Database.Statement;
  updateMonitor: Database.Statement;
}

const prepared = new WeakMap<Database.Database, Statements>();

function statementsOf(client: Database.Database): Statements {
  let s = prepared.get(client);
  if (!s) {
    s = {
      insertResult: client.prepare(
        "insert into monitor_results (monitor_id, at, outcome, response_ms, error, detail) values (?, ?, ?, ?, ?, ?)",
      ),
      // state_changed_at moves only when the state changed (the first parameter says so).
      updateMonitor: client.prepare(
        `update monitors set down_streak = ?, bad_streak = ?, up_streak = ?, state = ?,
           state_changed_at = case when ? then ? else state_changed_at end,
           last_checked_at = ?, last_response_ms = ?, last_error = ?, next_run_at = ?,
           lease_owner = null, lease_until = null
         where id = ?`,
      ),
    };
    prepared.set(client, s);
  }
  return s;
}

/** The same writes as recordMonitorResult, on prepared statements. Call it inside the caller's transaction. */
export function writeMonitorResult(
  tx: Tx,
  monitor: Monitor,
  result: RecordedResult,
  step: DampedStep,
  nextRunAt: number,
): void {
  const s = statementsOf(connectionOf(tx));
  s.insertResult.run(
    monitor.id,
    result.at,
    result.outcome,
    result.responseMs,
    result.error,
    // Drizzle's json mode: JSON text, null stays SQL null.
    result.detail == null ? null : JSON.stringify(result.detail),
  );
  s.updateMonitor.run(
    step.downStreak,
    step.badStreak,
    step.upStreak,
    step.state,
    step.changed ? 1 : 0,
    result.at,
    result.at,
    result.responseMs,
    result.error,
    nextRunAt,
    monitor.id,
  );
  // A state change is rare (flap damping): drizzle is fine there.
  if (step.changed) insertStateChange(tx, monitor.id, monitor.state, step.state, result.at, result.error);
}
