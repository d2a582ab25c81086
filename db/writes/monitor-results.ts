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
      updateMonitor: client.prepare(
        `update monitors set down_streak = ?, bad_streak = ?, up_streak = ?, state = ?, state_changed_at = ?,
           last_checked_at = ?, last_response_ms = ?, last_error = ?, next_run_at = ?,
           lease_owner = null, lease_until = null
         where id = ?`,
      ),
    };
    prepared.set(client, s);
  }
  return s;
}

/** The result row alone. Call it inside the caller's transaction. */
export function insertMonitorResult(tx: Tx, monitorId: string, result: RecordedResult): void {
  statementsOf(connectionOf(tx)).insertResult.run(
    monitorId,
    result.at,
    result.outcome,
    result.responseMs,
    result.error,
    // Drizzle's json mode: JSON text, null stays SQL null.
    result.detail == null ? null : JSON.stringify(result.detail),
  );
}

/** What a result changes in its monitor's row, from the row as it is after the result (lease freed). */
export type MonitorAfterResult = Pick<
  Monitor,
  | "id"
  | "downStreak"
  | "badStreak"
  | "upStreak"
  | "state"
  | "stateChangedAt"
  | "lastCheckedAt"
  | "lastResponseMs"
  | "lastError"
  | "nextRunAt"
>;

/**
 * Writes the monitor's row after its latest result. A batch with several results of one monitor writes the row
 * once, after the last (services/monitors/run.ts): the row holds only the latest values.
 */
export function writeMonitorAfterResult(tx: Tx, m: MonitorAfterResult): void {
  statementsOf(connectionOf(tx)).updateMonitor.run(
    m.downStreak,
    m.badStreak,
    m.upStreak,
    m.state,
    m.stateChangedAt,
    m.lastCheckedAt,
    m.lastResponseMs,
    m.lastError,
    m.nextRunAt,
    m.id,
  );
}

/** The same writes as recordMonitorResult, on prepared statements. Call it inside the caller's transaction. */
export function writeMonitorResult(
  tx: Tx,
  monitor: Monitor,
  result: RecordedResult,
  step: DampedStep,
  nextRunAt: number,
): void {
  insertMonitorResult(tx, monitor.id, result);
  writeMonitorAfterResult(tx, {
    id: monitor.id,
    downStreak: step.downStreak,
    badStreak: step.badStreak,
    upStreak: step.upStreak,
    state: step.state,
    stateChangedAt: step.changed ? result.at : monitor.stateChangedAt,
    lastCheckedAt: result.at,
    lastResponseMs: result.responseMs,
    lastError: result.error,
    nextRunAt,
  });
  // A state change is rare (flap damping): drizzle is fine there.
  if (step.changed) insertStateChange(tx, monitor.id, monitor.state, step.state, result.at, result.error);
}
