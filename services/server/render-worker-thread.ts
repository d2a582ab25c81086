// The render worker seen from the server: render-worker.ts runs its own Next instance in a worker thread so a
// render (tens of milliseconds of synchronous React work) does not stall the requests served from the cache.
import { Worker } from "node:worker_threads";

export interface RenderWorkerData {
  dir: string;
  hostname: string;
  port: number;
}
export type RenderWorkerMessage = { type: "listening"; port: number } | { type: "queries"; count: number };

/**
 * Starts the worker at `script` (server.ts passes the compiled render-worker.mjs next to itself: only the entry
 * point knows where that is once bundled); resolves with its port, or undefined when it cannot start, in which
 * case the server renders on its own thread, as it does if the worker dies later.
 */
export function startRenderWorker(
  script: URL,
  data: RenderWorkerData,
  onQueries: (count: number) => void,
  onExit: () => void,
): Promise<number | undefined> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(script, { workerData: data });
    } catch (err) {
      console.error("The render worker could not start; rendering on the main thread:", err);
      return resolve(undefined);
    }
    let listening = false;
    worker.on("message", (message: RenderWorkerMessage) => {
      if (message.type === "queries") onQueries(message.count);
      else if (!listening) resolve(((listening = true), message.port));
    });
    worker.on("error", (err) => console.error("The render worker failed; rendering on the main thread:", err));
    worker.on("exit", (code) => {
      if (!listening) resolve(undefined);
      else if (code !== 0) console.error(`The render worker exited (${code}); rendering on the main thread.`);
      onExit();
    });
    // The worker must not keep the process alive on its own (SIGTERM exits through process.exit anyway).
    worker.unref();
  });
}
