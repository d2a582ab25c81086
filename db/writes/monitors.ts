// Monitor rows: create, change, pause, delete; the scheduler's lease; and recording one result with the
// damped state it leads to, all in the caller's transaction.
import { and, asc, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import type { CheckOutcome, MonitorState } from "@/db/constants";
import type { DampedStep } from "@/core/flap-damping";
import { nextAlignedRun, phaseOf } from "@/core/monitor-schedule";
import { newId } from "@/core/ids";
import type { MonitorSettings } from "@/core/monitor-types";
import type { Db, Tx } from "../index";
import { monitorResults, monitors, monitorStateChanges, type Monitor } from "../schema";

export function insertMonitor(
  tx: Tx,
  input: { pageId: string; settings: MonitorSettings; heartbeatTokenHash?: string | null; at: number },
): string {
  const id = newId();
  tx.insert(monitors)
    .values({
      id,
      pageId: input.pageId,
      ...input.settings,
      heartbeatTokenHash: input.heartbeatTokenHash ?? null,
      // A heartbeat is first looked at when its first period (plus grace) could have passed; the scheduler
      // moves that to the real deadline.
      nextRunAt:
        input.settings.kind === "heartbeat"
          ? input.at + input.settings.intervalSeconds * 1000
          : nextAlignedRun(input.at, input.settings.intervalSeconds, phaseOf(id, input.settings.intervalSeconds)),
      stateChangedAt: input.at,
      createdAt: input.at,
      updatedAt: input.at,
    })
    .run();
  return id;
}

/** New settings; a changed kind, target or thresholds start the state over (old streaks meant something else). */
export function updateMonitorSettings(
  tx: Tx,
  id: string,
  settings: MonitorSettings,
  at: number,
  resetState: boolean,
): void {
  // Pausing has its own verb (setMonitorPaused): an edit never pauses or resumes.
  const { paused: _paused, ...rest } = settings;
  void _paused;
  tx.update(monitors)
    .set({
      ...rest,
      ...(resetState
        ? { state: "unknown" as const, downStreak: 0, badStreak: 0, upStreak: 0, stateChangedAt: at }
        : {}),
      nextRunAt: nextAlignedRun(at, settings.intervalSeconds, phaseOf(id, settings.intervalSeconds)),
      updatedAt: at,
    })
    .where(eq(monitors.id, id))
    .run();
}

export function setMonitorPaused(tx: Tx, id: string, paused: boolean, at: number): void {
  const row = tx.select().from(monitors).where(eq(monitors.id, id)).get();
  if (!row) return;
  tx.update(monitors)
    .set({
      paused,
      // A resumed monitor knows nothing yet: it must see its target again before it claims anything.
      ...(paused
        ? {}
        : {
            state: "unknown" as const,
            downStreak: 0,
            badStreak: 0,
            upStreak: 0,
            stateChangedAt: at,
            nextRunAt: nextAlignedRun(at, row.intervalSeconds, phaseOf(id, row.intervalSeconds)),
            lastHeartbeatAt: at,
          }),
      leaseOwner: null,
      leaseUntil: null,
      updatedAt: at,
    })
    .where(eq(monitors.id, id))
    .run();
}

export function deleteMonitorRow(tx: Tx, id: string): void {
  tx.delete(monitors).where(eq(monitors.id, id)).run();
}

/**
 * Claims up to `limit` due monitors for `owner` in one statement, so two schedulers (two processes) never
 * both take the same run: a row is taken only when its lease is free or has lapsed. The lease lasts the
 * check's timeout plus 30 s, so a process that died mid-check gives the monitor back soon after.
 */
export function leaseDueMonitors(db: Db, owner: string, now: number, limit: number): Monitor[] {
  if (limit <= 0) return [];
  // Most ticks find nothing due: answer those with a read, without taking the write lock.
  const anyDue = db
    .select({ id: monitors.id })
    .from(monitors)
    .where(
      and(
        eq(monitors.paused, false),
        lte(monitors.nextRunAt, now),
        or(isNull(monitors.leaseUntil), lte(monitors.leaseUntil, now)),
      ),
    )
    .limit(1)
    .get();
  if (!anyDue) return [];
  return db.transaction(
    (tx) => {
      const due = tx
        .select({ id: monitors.id, timeoutMs: monitors.timeoutMs })
        .from(monitors)
        .where(
          and(
            eq(monitors.paused, false),
            lte(monitors.nextRunAt, now),
            or(isNull(monitors.leaseUntil), lte(monitors.leaseUntil, now)),
          ),
        )
        .orderBy(asc(monitors.nextRunAt))
        .limit(limit)
        .all();
      if (due.length === 0) return [];
      const leased = tx
        .update(monitors)
        .set({ leaseOwner: owner, leaseUntil: sql`${now} + ${monitors.timeoutMs} + 30000` })
        .where(
          and(
            inArray(
              monitors.id,
              due.map((d) => d.id),
            ),
            or(isNull(monitors.leaseUntil), lte(monitors.leaseUntil, now)),
          ),
        )
        .returning()
        .all();
      return leased;
    },
    { behavior: "immediate" },
  );
}

/** When the next unpaused, unleased monitor is due, or null (leased ones are running somewhere). */
export function nextMonitorDueAt(db: Db, now: number): number | null {
  const row = db
    .select({ at: sql<number | null>`min(${monitors.nextRunAt})` })
    .from(monitors)
    .where(and(eq(monitors.paused, false), or(isNull(monitors.leaseUntil), lte(monitors.leaseUntil, now))))
    .get();
  return row?.at ?? null;
}

/** Gives a lease back without a result (a heartbeat deadline not reached yet): runs again at `nextRunAt`. */
export function releaseLease(tx: Tx, id: string, owner: string, nextRunAt: number): void {
  tx.update(monitors)
    .set({ leaseOwner: null, leaseUntil: null, nextRunAt })
    .where(and(eq(monitors.id, id), eq(monitors.leaseOwner, owner)))
    .run();
}

export interface RecordedResult {
  at: number;
  outcome: CheckOutcome;
  responseMs: number | null;
  error: string | null;
  detail: Record<string, unknown>;
}

/**
 * One result, the monitor's streaks and state after it, its next run, and a state change row if it changed.
 * The reference for writeMonitorResult (db/writes/monitor-results.ts), which the product uses: the same
 * writes on prepared statements. Kept for the test that compares the two and bench:storage's old-path figure.
 */
export function recordMonitorResult(
  tx: Tx,
  monitor: Monitor,
  result: RecordedResult,
  step: DampedStep,
  nextRunAt: number,
): void {
  tx.insert(monitorResults)
    .values({ monitorId: monitor.id, ...result })
    .run();
  tx.update(monitors)
    .set({
      downStreak: step.downStreak,
      badStreak: step.badStreak,
      upStreak: step.upStreak,
      state: step.state,
      ...(step.changed ? { stateChangedAt: result.at } : {}),
      lastCheckedAt: result.at,
      lastResponseMs: result.responseMs,
      lastError: result.error,
      nextRunAt,
      leaseOwner: null,
      leaseUntil: null,
    })
    .where(eq(monitors.id, monitor.id))
    .run();
  if (step.changed) insertStateChange(tx, monitor.id, monitor.state, step.state, result.at, result.error);
}

export function insertStateChange(
  tx: Tx,
  monitorId: string,
  from: MonitorState,
  to: MonitorState,
  at: number,
  reason: string | null,
): void {
  tx.insert(monitorStateChanges).values({ monitorId, at, fromState: from, toState: to, reason }).run();
}

export function markHeartbeat(tx: Tx, id: string, at: number): void {
  tx.update(monitors).set({ lastHeartbeatAt: at }).where(eq(monitors.id, id)).run();
}
