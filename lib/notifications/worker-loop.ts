// The notification worker: runs ticks until stopped, sleeping until the next delivery is due (at most
// `idleMs`, so new notifications are picked up quickly). The server process can run the same loop.
import type { Db } from "@/db";
import { runNotificationJobs, type JobOptions, type TickResult } from "./jobs";
import { warmUpRenderer } from "./render";

export interface WorkerLoop {
  stop(): Promise<void>;
}

export function startNotificationWorker(
  db: Db,
  options: JobOptions & { idleMs?: number; onTick?: (r: TickResult) => void; onError?: (e: unknown) => void } = {},
): WorkerLoop {
  const idleMs = options.idleMs ?? 250;
  let stopped = false;
  let wake: (() => void) | null = null;
  const loop = (async () => {
    await warmUpRenderer().catch(() => undefined);
    while (!stopped) {
      let delay = idleMs;
      try {
        const result = await runNotificationJobs(db, Date.now(), options);
        options.onTick?.(result);
        if (result.nextDueAt !== null) delay = Math.min(idleMs, Math.max(0, result.nextDueAt - Date.now()));
      } catch (err) {
        options.onError?.(err);
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
