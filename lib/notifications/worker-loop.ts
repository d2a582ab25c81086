// The notification worker: runs ticks until stopped, sleeping until the next delivery is due (at most
// `idleMs`, so new notifications are picked up quickly). The server process can run the same loop. A failing
// tick (a read-only or full database) backs off exponentially up to `maxBackoffMs`, so it is reported once per
// step instead of several times a second, and the first good tick resets it.
import type { Db } from "@/db";
import { runNotificationJobs, type JobOptions, type TickResult } from "./jobs";
import { warmUpRenderer } from "./render";

export interface WorkerLoop {
  stop(): Promise<void>;
}

export function startNotificationWorker(
  db: Db,
  options: JobOptions & {
    idleMs?: number;
    maxBackoffMs?: number;
    onTick?: (r: TickResult) => void;
    onError?: (e: unknown, backoff: { failures: number; retryInMs: number }) => void;
  } = {},
): WorkerLoop {
  const idleMs = options.idleMs ?? 250;
  const maxBackoffMs = options.maxBackoffMs ?? 60_000;
  let failures = 0;
  let stopped = false;
  let wake: (() => void) | null = null;
  const loop = (async () => {
    await warmUpRenderer().catch(() => undefined);
    while (!stopped) {
      let delay = idleMs;
      try {
        const result = await runNotificationJobs(db, Date.now(), options);
        failures = 0;
        options.onTick?.(result);
        if (result.nextDueAt !== null) delay = Math.min(idleMs, Math.max(0, result.nextDueAt - Date.now()));
      } catch (err) {
        failures++;
        delay = Math.min(maxBackoffMs, idleMs * 2 ** Math.min(failures, 30));
        options.onError?.(err, { failures, retryInMs: delay });
      }
      if (stopped) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
  })();
  return {
    async stop() {
      stopped = true;
      (wake as (() => void) | null)?.();
      await loop;
    },
  };
}
