// The notification worker: runs ticks until stopped, sleeping until the next delivery is due (at most
// `idleMs`, so new notifications are picked up quickly) or until a send in flight finishes and frees its
// lane. The server process can run the same loop. Sends outlive the tick that started them (one dispatcher
// for the loop), so a webhook that hangs for its 10 s holds one slot of its lane and nothing else.
import type { Db } from "@/db";
import { runNotificationJobs, type JobOptions, type TickResult } from "./jobs";
import { DeliveryDispatcher } from "./lanes";
import { warmUpRenderer } from "./render";

export interface WorkerLoop {
  stop(): Promise<void>;
}

export function startNotificationWorker(
  db: Db,
  options: JobOptions & { idleMs?: number; onTick?: (r: TickResult) => void; onError?: (e: unknown) => void } = {},
): WorkerLoop {
  const idleMs = options.idleMs ?? 250;
  const dispatcher = options.dispatcher ?? new DeliveryDispatcher(options.lanes);
  let stopped = false;
  let wake: (() => void) | null = null;
  const unsubscribe = dispatcher.onSettled(() => wake?.());
  const loop = (async () => {
    await warmUpRenderer().catch(() => undefined);
    while (!stopped) {
      let delay = idleMs;
      try {
        const result = await runNotificationJobs(db, Date.now(), { ...options, dispatcher });
        options.onTick?.(result);
        if (result.nextDueAt !== null) delay = Math.min(idleMs, Math.max(0, result.nextDueAt - Date.now()));
        // What is due waits for a busy lane or endpoint: the send that frees it wakes the loop.
        if (delay === 0 && result.started === 0) delay = idleMs;
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
      // Sends in flight finish and record their outcome (each has its own deadline).
      await dispatcher.drain();
      unsubscribe();
    },
  };
}
