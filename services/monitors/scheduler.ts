// The monitor scheduler: every tick it leases the monitors that are due (db/writes/monitors.ts: one
// statement, so two processes never run the same check) and runs them with bounded concurrency. A monitor is
// never run twice at once: the lease is held until its result is written, and this process also skips a
// monitor it is still running. Next runs are interval-aligned (core/monitor-schedule.ts), so there is
// no drift and no jitter to add. The clock is injectable for tests.
// Results are written in batches: the checks that finish within a short window (or every check of the tick,
// when none is left running) go to applyResults in one transaction, not one commit each. A batch that fails
// is written again result by result, so one monitor's failing write costs only that monitor's result (its
// lease then lapses and the next run records it).
import { hostname } from "node:os";
import type { Db } from "@/db";
import type { Monitor } from "@/db/schema";
import { leaseDueMonitors, nextMonitorDueAt, releaseLease } from "@/db/writes/monitors";
import { newToken } from "@/core/ids";
import { reconcileAutomaticIncident } from "./automation";
import type { CheckResult } from "./checks/types";
import { applyResult, applyResults, heartbeatRecheckAt, runCheck, type AppliedResult } from "./run";

export interface SchedulerOptions {
  db: Db;
  /** Checks running at once in this process. */
  concurrency?: number;
  tickMs?: number;
  now?: () => number;
  owner?: string;
  log?: (message: string) => void;
  /** Called after each run (tests and the benchmark measure with it). */
  onRun?: (run: { monitor: Monitor; scheduledFor: number; startedAt: number; finishedAt: number }) => void;
  /** Longest a finished check's result waits for others to share its transaction (default 50 ms). */
  batchWindowMs?: number;
  /** Called with the size of each batch of results written (tests measure with it). */
  onBatch?: (size: number) => void;
}

interface Finished {
  monitor: Monitor;
  result: CheckResult;
  at: number;
  startedAt: number;
}

export interface MonitorScheduler {
  /** Leases and starts what is due now; resolves when those runs have finished. */
  tick: () => Promise<number>;
  stop: () => Promise<void>;
  running: () => number;
}

export function createMonitorScheduler(options: SchedulerOptions): MonitorScheduler {
  const { db, concurrency = 20, now = Date.now, log = (m) => console.error(m) } = options;
  const owner = options.owner ?? `${hostname()}:${process.pid}:${newToken().slice(0, 8)}`;
  const inFlight = new Map<string, Promise<void>>();
  let stopped = false;

  const batchWindowMs = options.batchWindowMs ?? 50;
  let batch: { items: Finished[]; written: Promise<void>; flush: () => void } | null = null;

  /** Writes a batch of results; never throws (each failure is logged with its monitor). */
  const writeBatch = async (items: Finished[]) => {
    let applied: (AppliedResult | null | undefined)[];
    try {
      applied = applyResults(
        db,
        items.map((i) => ({ monitorId: i.monitor.id, result: i.result, at: i.at })),
        now(),
      );
    } catch {
      // One bad write rolled the whole batch back: write each on its own to find it and keep the others.
      applied = items.map((i) => {
        try {
          return applyResult(db, i.monitor.id, i.result, i.at);
        } catch (err) {
          log(
            `[monitors] ${i.monitor.name}: its result was not written: ${err instanceof Error ? err.message : String(err)}`,
          );
          return undefined;
        }
      });
    }
    options.onBatch?.(items.length);
    for (const [k, item] of items.entries()) {
      if (applied[k] === undefined) continue;
      try {
        if (applied[k]?.changed) await reconcileAutomaticIncident(db, item.monitor.id, item.at);
      } catch (err) {
        log(`[monitors] ${item.monitor.name} automation failed: ${err instanceof Error ? err.message : String(err)}`);
      }
      options.onRun?.({
        monitor: item.monitor,
        scheduledFor: item.monitor.nextRunAt,
        startedAt: item.startedAt,
        finishedAt: item.at,
      });
    }
  };

  /** Adds a result to the open batch (opening one); resolves once it has been written. */
  const enqueue = (item: Finished): Promise<void> => {
    if (!batch) {
      let flush = () => {};
      const items: Finished[] = [];
      const written = new Promise<void>((resolve) => {
        const timer = setTimeout(() => flush(), batchWindowMs);
        flush = () => {
          clearTimeout(timer);
          if (batch?.items === items) batch = null;
          resolve(writeBatch(items));
        };
      });
      batch = { items, written, flush };
    }
    const open = batch;
    open.items.push(item);
    // Nothing else is running: no reason to wait for the window.
    if (open.items.length >= inFlight.size) open.flush();
    return open.written;
  };

  const runOne = async (monitor: Monitor) => {
    const startedAt = now();
    try {
      const result = await runCheck(monitor, now());
      const at = now();
      if (result === null) {
        // A heartbeat still within its deadline: look again at the next period.
        releaseLease(db, monitor.id, owner, Math.max(heartbeatRecheckAt(monitor), at + 1_000));
        options.onRun?.({ monitor, scheduledFor: monitor.nextRunAt, startedAt, finishedAt: at });
      } else {
        await enqueue({ monitor, result, at, startedAt });
      }
    } catch (err) {
      log(`[monitors] ${monitor.name} failed to run: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  /** Leases what is due now and starts it; returns the runs started (without waiting for them). */
  const startDue = (): Promise<void>[] => {
    if (stopped) return [];
    const free = concurrency - inFlight.size;
    const due = leaseDueMonitors(db, owner, now(), free).filter((m) => !inFlight.has(m.id));
    return due.map((monitor) => {
      const run = runOne(monitor).finally(() => {
        inFlight.delete(monitor.id);
        // A slot freed while others waited: look again now rather than at the next wake.
        if (looping && inFlight.size === concurrency - 1) wake(0);
      });
      inFlight.set(monitor.id, run);
      return run;
    });
  };

  const tick = async () => {
    const started = startDue();
    await Promise.all(started);
    return started.length;
  };

  // Wakes at the next due time (at most `tickMs` away, so new monitors are picked up), not on a fixed beat:
  // a run starts within milliseconds of its aligned time. The loop never waits for the checks it starts.
  const maxSleep = options.tickMs ?? 1_000;
  const looping = maxSleep !== 0;
  let timer: NodeJS.Timeout | undefined;
  function wake(ms: number) {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(loop, ms);
    timer.unref?.();
  }
  function loop() {
    try {
      startDue();
      if (inFlight.size >= concurrency) return wake(maxSleep);
      const due = nextMonitorDueAt(db, now());
      wake(due === null ? maxSleep : Math.min(maxSleep, Math.max(5, due - now())));
    } catch (err) {
      log(`[monitors] tick failed: ${err instanceof Error ? err.message : String(err)}`);
      wake(maxSleep);
    }
  }
  if (looping) wake(0);

  return {
    tick,
    running: () => inFlight.size,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await Promise.all(inFlight.values());
    },
  };
}
