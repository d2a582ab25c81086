// The monitor scheduler: every tick it leases the monitors that are due (db/writes/monitors.ts: one
// statement, so two processes never run the same check) and runs them with bounded concurrency. A monitor is
// never run twice at once: the lease is held until its result is written, and this process also skips a
// monitor it is still running. Next runs are interval-aligned (lib/domain/monitor-schedule.ts), so there is
// no drift and no jitter to add. The clock is injectable for tests.
import { hostname } from "node:os";
import type { Db } from "@/db";
import type { Monitor } from "@/db/schema";
import { leaseDueMonitors, releaseLease } from "@/db/writes/monitors";
import { newToken } from "@/lib/ids";
import { reconcileAutomaticIncident } from "./automation";
import { applyResult, heartbeatRecheckAt, runCheck } from "./run";

export interface SchedulerOptions {
  db: Db;
  /** Checks running at once in this process. */
  concurrency?: number;
  tickMs?: number;
  now?: () => number;
  owner?: string;
  log?: (message: string) => void;
  /** Called after each run (tests and the benchmark measure with it). */
  onRun?: (monitor: Monitor, scheduledFor: number, finishedAt: number) => void;
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

  const runOne = async (monitor: Monitor) => {
    try {
      const result = await runCheck(monitor, now());
      const at = now();
      if (result === null) {
        // A heartbeat still within its deadline: look again at the next period.
        releaseLease(db, monitor.id, owner, Math.max(heartbeatRecheckAt(monitor), at + 1_000));
      } else {
        const applied = applyResult(db, monitor.id, result, at);
        if (applied?.changed) await reconcileAutomaticIncident(db, monitor.id, at);
      }
      options.onRun?.(monitor, monitor.nextRunAt, at);
    } catch (err) {
      log(`[monitors] ${monitor.name} failed to run: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  const tick = async () => {
    if (stopped) return 0;
    const free = concurrency - inFlight.size;
    const due = leaseDueMonitors(db, owner, now(), free).filter((m) => !inFlight.has(m.id));
    const started = due.map((monitor) => {
      const run = runOne(monitor).finally(() => inFlight.delete(monitor.id));
      inFlight.set(monitor.id, run);
      return run;
    });
    await Promise.all(started);
    return started.length;
  };

  let timer: NodeJS.Timeout | undefined;
  if (options.tickMs !== 0) {
    timer = setInterval(() => {
      tick().catch((err) => log(`[monitors] tick failed: ${err instanceof Error ? err.message : String(err)}`));
    }, options.tickMs ?? 1_000);
    timer.unref?.();
  }
  return {
    tick,
    running: () => inFlight.size,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await Promise.all(inFlight.values());
    },
  };
}
