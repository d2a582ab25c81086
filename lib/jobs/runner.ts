// The job runner: ticks every few seconds inside the server process (or `npm run worker`), running each job
// in turn. Ticks never overlap; a failing job is logged and retried on the next tick, never fatal. Jobs must
// be idempotent and claim their work, so two runners (two processes) can tick at once safely.
import type { Db } from "@/db";

export interface Job {
  name: string;
  run: (db: Db, now: number) => unknown;
}

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

  const tick = async () => {
    for (const job of jobs) {
      if (stopped) return;
      try {
        await job.run(getDb(), now());
      } catch (err) {
        log(`[jobs] ${job.name} failed: ${err instanceof Error ? err.message : String(err)}`);
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
