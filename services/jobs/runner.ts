// The job runner: ticks every few seconds inside the server process (or `npm run worker`), running each job
// in turn. Ticks never overlap; a failing job is logged and retried on the next tick, never fatal. Jobs must
// be idempotent and claim their work, so two runners (two processes) can tick at once safely. A job that keeps
// failing (a read-only or full database) backs off, doubling from one interval up to MAX_BACKOFF_MS, and is
// logged once per step rather than on every tick; its first success resets it.
import type { Db } from "@/db";

export interface Job {
  name: string;
  run: (db: Db, now: number) => unknown;
}

/** The longest a failing job waits before it is tried again. */
export const MAX_BACKOFF_MS = 5 * 60_000;

export interface JobRunner {
  /** Runs one tick now (waiting for a tick in progress first). */
  tickNow: () => Promise<void>;
  stop: () => Promise<void>;
}

export function startJobRunner(options: {
  getDb: () => Db;
  jobs: Job[];
  intervalMs?: number;
  log?: (message: string) => void;
  now?: () => number;
}): JobRunner {
  const { getDb, jobs, intervalMs = 5_000, log = (m) => console.error(m), now = Date.now } = options;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const failing = new Map<string, { failures: number; notBefore: number }>();

  const tick = async () => {
    for (const job of jobs) {
      if (stopped) return;
      const at = now();
      const backoff = failing.get(job.name);
      if (backoff && at < backoff.notBefore) continue;
      try {
        await job.run(getDb(), at);
        failing.delete(job.name);
      } catch (err) {
        const failures = (backoff?.failures ?? 0) + 1;
        const waitMs = Math.min(MAX_BACKOFF_MS, intervalMs * 2 ** Math.min(failures - 1, 20));
        failing.set(job.name, { failures, notBefore: at + waitMs });
        log(
          `[jobs] ${job.name} failed (${failures} in a row; next try in ${Math.round(waitMs / 1000)} s): ${err instanceof Error ? err.message : String(err)}`,
        );
      }
    }
  };
  const schedule = () => {
    running = running.then(tick);
    return running;
  };

  const timer = setInterval(schedule, intervalMs);
  timer.unref?.();
  void schedule(); // at start: catch up on whatever came due while the server was down

  return {
    tickNow: schedule,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
