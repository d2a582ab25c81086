// The notification worker: runs ticks until stopped, sleeping until the next delivery is due (at most
// `idleMs`, so new notifications are picked up quickly); in between, a lane whose send finished claims its own
// next delivery (DeliveryDispatcher.keepLanesFull). The server process can run the same loop. Sends outlive the tick that started them (one dispatcher
// for the loop), so a webhook that hangs for its 10 s holds one slot of its lane and nothing else. A failing
// tick (a read-only or full database) backs off exponentially up to `maxBackoffMs`, so it is reported once per
// step instead of several times a second, and the first good tick resets it.
import type { Db } from "@/db";
import { runNotificationJobs, type JobOptions, type TickResult } from "./jobs";
import { DeliveryDispatcher } from "./lanes";
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
  const dispatcher = options.dispatcher ?? new DeliveryDispatcher(options.lanes);
  const maxBackoffMs = options.maxBackoffMs ?? 60_000;
  let failures = 0;
  let stopped = false;
  let wake: (() => void) | null = null;
  // Each lane refills itself when a send finishes; the loop wakes for what that cannot see (new
  // notifications, retries coming due), at most `idleMs` apart.
  dispatcher.keepLanesFull(true);
  const loop = (async () => {
    await warmUpRenderer().catch(() => undefined);
    while (!stopped) {
      let delay = idleMs;
      try {
        const result = await runNotificationJobs(db, Date.now(), { ...options, dispatcher });
        failures = 0;
        options.onTick?.(result);
        // What is due now is started, or waits for a busy lane or endpoint: the send that frees it refills the
        // lane. Ticking again at once would only fill every lane in one go, ahead of the lanes' turns.
        const dueIn = result.nextDueAt === null ? idleMs : result.nextDueAt - Date.now();
        if (dueIn > 0) delay = Math.min(idleMs, dueIn);
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
      dispatcher.keepLanesFull(false);
      // Sends in flight finish and record their outcome (each has its own deadline).
      await dispatcher.drain();
    },
  };
}
