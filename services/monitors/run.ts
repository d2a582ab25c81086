// One run of a monitor: the check (services/monitors/checks/*), then, in one transaction, the result, the damped
// state, the monitor's claim on its service and the service's status. Automation that goes through the
// incident verbs (drafts, published incidents, the team's email) follows in services/monitors/automation.ts.
import type { Db, Tx } from "@/db";
import type { CheckOutcome, ComponentStatus, MonitorState } from "@/db/constants";
import type { Monitor } from "@/db/schema";
import { findMonitor, findMonitors } from "@/db/queries/monitors";
import { endClaim, openClaim } from "@/db/writes/claims";
import { insertMonitorResult, writeMonitorAfterResult } from "@/db/writes/monitor-results";
import { insertStateChange, type RecordedResult } from "@/db/writes/monitors";
import { dampedStep } from "@/core/flap-damping";
import { heartbeatDeadline, heartbeatGraceMs, heartbeatMissed, nextAlignedRun, phaseOf } from "@/core/monitor-schedule";
import { reconcileComponentStatus } from "./apply-claims";
import { queueTeamAlert } from "./team-alert";
import { checkDns } from "./checks/dns";
import { checkHttp } from "./checks/http";
import { checkPing } from "./checks/ping";
import { checkTcp } from "./checks/tcp";
import { checkTls } from "./checks/tls";
import { down, type CheckResult } from "./checks/types";
import { parseConfig } from "./config";

/** Runs the monitor's check once. Heartbeats are pushed, so their "check" is whether the deadline passed. */
export async function runCheck(monitor: Monitor, now = Date.now()): Promise<CheckResult | null> {
  const ctx = { timeoutMs: monitor.timeoutMs };
  try {
    switch (monitor.kind) {
      case "http":
        return await checkHttp(parseConfig("http", monitor.config), ctx);
      case "tcp":
        return await checkTcp(parseConfig("tcp", monitor.config), ctx);
      case "dns":
        return await checkDns(parseConfig("dns", monitor.config), ctx);
      case "tls":
        return await checkTls(parseConfig("tls", monitor.config), ctx);
      case "ping":
        return await checkPing(parseConfig("ping", monitor.config), ctx);
      case "heartbeat": {
        const config = parseConfig("heartbeat", monitor.config);
        const graceMs = heartbeatGraceMs(monitor.intervalSeconds, config.graceSeconds);
        const missed = heartbeatMissed({
          now,
          lastCallAt: monitor.lastHeartbeatAt,
          since: monitor.createdAt,
          periodSeconds: monitor.intervalSeconds,
          graceMs,
        });
        // Not missed: nothing to record; the pushes themselves are the results.
        return missed
          ? down(`No heartbeat for more than ${Math.round((monitor.intervalSeconds * 1000 + graceMs) / 1000)} s`)
          : null;
      }
    }
  } catch (err) {
    // A stored config that no longer parses is the monitor's failure, not the scheduler's.
    return down(
      `The monitor's settings are not valid: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}`,
    );
  }
}

export function outcomeOf(result: CheckResult, slowThresholdMs: number | null): CheckOutcome {
  if (!result.ok) return "down";
  return slowThresholdMs !== null && result.responseMs !== null && result.responseMs > slowThresholdMs ? "slow" : "up";
}

/** The status a monitor in this state claims for its service, or null for no claim. */
export function claimedStatus(monitor: Pick<Monitor, "failureStatus">, state: MonitorState): ComponentStatus | null {
  if (state === "down") return monitor.failureStatus;
  if (state === "degraded") return "degraded_performance";
  return null;
}

/**
 * When to look at a heartbeat monitor again: just after the deadline of a call that just arrived, or, after a
 * missed deadline, one period later (each silent period is one more failure).
 */
export function nextHeartbeatCheck(monitor: Monitor, at: number, pushed: boolean): number {
  if (!pushed) return at + monitor.intervalSeconds * 1000;
  const graceMs = heartbeatGraceMs(monitor.intervalSeconds, parseConfig("heartbeat", monitor.config).graceSeconds);
  return (
    heartbeatDeadline({ lastCallAt: at, since: monitor.createdAt, periodSeconds: monitor.intervalSeconds, graceMs }) + 1
  );
}

/** A heartbeat still within its deadline: the time to look again. */
export function heartbeatRecheckAt(monitor: Monitor): number {
  const graceMs = heartbeatGraceMs(monitor.intervalSeconds, parseConfig("heartbeat", monitor.config).graceSeconds);
  return (
    heartbeatDeadline({
      lastCallAt: monitor.lastHeartbeatAt,
      since: monitor.createdAt,
      periodSeconds: monitor.intervalSeconds,
      graceMs,
    }) + 1
  );
}

export interface AppliedResult {
  from: MonitorState;
  to: MonitorState;
  changed: boolean;
  outcome: CheckOutcome;
}

/** Records a result and everything it changes, in one transaction. */
export function applyResult(db: Db, monitorId: string, result: CheckResult, at: number): AppliedResult | null {
  // Read inside the transaction: settings may have changed while the check ran.
  return db.transaction(
    (tx) => {
      const rows = new RowsToWrite();
      const applied = applyResultIn(tx, findMonitor(tx, monitorId), result, at, rows);
      rows.flush(tx);
      return applied;
    },
    { behavior: "immediate" },
  );
}

export interface ResultToApply {
  monitorId: string;
  result: CheckResult;
  /** When the check finished; the batch's `at` when absent. */
  at?: number;
}

/**
 * Several results in one transaction (the same writes as applyResult, each in order): one commit instead of
 * one per result, for the checks a scheduler tick saw finish and for the storage bench. A monitor that appears
 * twice sees its first result's state, and its row is written once, after its last result.
 */
export function applyResults(db: Db, batch: readonly ResultToApply[], at: number): (AppliedResult | null)[] {
  if (batch.length === 0) return [];
  return db.transaction(
    (tx) => {
      const monitors = findMonitors(
        tx,
        batch.map((b) => b.monitorId),
      );
      const rows = new RowsToWrite();
      const applied = batch.map((b) =>
        applyResultIn(tx, monitors.get(b.monitorId) ?? null, b.result, b.at ?? at, rows),
      );
      rows.flush(tx);
      return applied;
    },
    { behavior: "immediate" },
  );
}

/**
 * Monitor rows changed in memory and not yet written. Flushed before anything else runs in the transaction
 * (a state change's claims, status and alert), so other code never reads a row behind its results.
 */
class RowsToWrite {
  private rows = new Map<string, Monitor>();
  add(monitor: Monitor) {
    this.rows.set(monitor.id, monitor);
  }
  flush(tx: Tx) {
    for (const monitor of this.rows.values()) writeMonitorAfterResult(tx, monitor);
    this.rows.clear();
  }
}

/**
 * One result applied: its row inserted, the monitor (a row read in this transaction, which no one else holds)
 * updated in place and queued in `rows`, and on a state change the claim, the service's status and the alert.
 */
function applyResultIn(
  tx: Tx,
  monitor: Monitor | null,
  result: CheckResult,
  at: number,
  rows: RowsToWrite,
): AppliedResult | null {
  if (!monitor) return null;
  const from = monitor.state;
  const outcome = outcomeOf(result, monitor.slowThresholdMs);
  const step = dampedStep(from, monitor, outcome, monitor);
  const recorded: RecordedResult = {
    at,
    outcome,
    responseMs: result.responseMs,
    error: result.error,
    detail: result.detail,
  };
  const nextRunAt =
    monitor.kind === "heartbeat"
      ? nextHeartbeatCheck(monitor, at, result.ok)
      : nextAlignedRun(
          Math.max(at, monitor.nextRunAt),
          monitor.intervalSeconds,
          phaseOf(monitor.id, monitor.intervalSeconds),
        );
  insertMonitorResult(tx, monitor.id, recorded);
  monitor.downStreak = step.downStreak;
  monitor.badStreak = step.badStreak;
  monitor.upStreak = step.upStreak;
  monitor.state = step.state;
  if (step.changed) monitor.stateChangedAt = at;
  monitor.lastCheckedAt = at;
  monitor.lastResponseMs = result.responseMs;
  monitor.lastError = result.error;
  monitor.nextRunAt = nextRunAt;
  monitor.leaseOwner = null;
  monitor.leaseUntil = null;
  rows.add(monitor);
  if (step.changed) {
    rows.flush(tx);
    insertStateChange(tx, monitor.id, from, step.state, at, result.error);
    if (monitor.componentId) {
      const status = claimedStatus(monitor, step.state);
      const source = { source: "monitor" as const, sourceId: monitor.id };
      if (status)
        openClaim(tx, {
          componentId: monitor.componentId,
          ...source,
          status,
          summary: `${monitor.name}: ${result.error ?? "slow"}`,
          at,
        });
      else endClaim(tx, "monitor", monitor.id, "", at);
      reconcileComponentStatus(tx, monitor.componentId, at, source);
    }
    if (step.state === "down") queueTeamAlert(tx, monitor, result.error, at);
  }
  return { from, to: step.state, changed: step.changed, outcome };
}
