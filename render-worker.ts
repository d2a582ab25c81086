// The renderer of the cached public pages, in a worker thread of the server's process. A render of `/` is tens
// of milliseconds of synchronous React work; on the main thread it stalls every request that arrives meanwhile
// (the outage scenario in bench/README.md: p99 was the length of one render). Here it runs on another core
// while the main thread keeps answering from the cache. It is its own Next instance on a loopback listener,
// asked over HTTP exactly as server.ts asks its in-process listener, so nothing else about a render changes.
// It runs no background jobs (server.ts does) and sends the database queries it made, so /_status/metrics
// still counts every query the server's process makes.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { parentPort, workerData } from "node:worker_threads";
import next from "next";
import { queryCounter } from "@/db";
import { routeLanguage } from "@/services/i18n/node-routing";
import type { RenderWorkerData, RenderWorkerMessage } from "@/services/server/render-worker-thread";

async function main() {
  const { dir, hostname, port } = workerData as RenderWorkerData;
  const app = next({ dev: false, dir, hostname, port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const post = (message: RenderWorkerMessage) => parentPort!.postMessage(message);
  const server = http.createServer((req, res) => {
    res.once("finish", () => post({ type: "queries", count: queryCounter.count }));
    // `/de/history` renders the German page (services/i18n/node-routing.ts), as in server.ts.
    if (!routeLanguage(req, res)) void handle(req, res);
  });
  server.listen(0, "127.0.0.1", () => post({ type: "listening", port: (server.address() as AddressInfo).port }));
}

void main();
