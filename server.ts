// The production server: Next's request handler behind an in-memory cache of the public pages, so a visitor
// costs no database work until public content changes. Run by scripts/start.ts (`npm start`, `npm run dev`).
//   - Public GET/HEAD paths (services/page-cache.ts) are answered from the cache, compressed, with an ETag.
//   - A miss renders once through Next on an internal loopback listener (concurrent misses share it).
//   - An entry is valid while the public content version it was rendered at is current: one number that
//     SQLite triggers raise on every write to a public table, by any process (db/change-watcher.ts). When it
//     moves, the first request waits for the new render; the others get the previous copy for at most 2 s
//     (services/page-store.ts).
//   - One copy per audience (public, internal), never per person: AudienceGate decides which copy a request
//     may have; internal copies are sent `private, no-store`; a private page's anonymous request goes to Next.
//   - Everything else (assets, health, forms, the admin console) goes straight to Next.
// The pipeline itself is services/server/request-pipeline.ts; this file starts the parts and wires them.
// With --dev it runs `next dev` with no cache.
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import next from "next";
import { getDb, openDatabase } from "@/db";
import { getConfig } from "@/core/config";
import { routeLanguage } from "@/services/i18n/node-routing";
import { startBackgroundWork } from "@/services/jobs/background";
import { PageStore } from "@/services/page-store";
import { startConfiguredPublisher } from "@/services/publish/from-config";
import { pageRenderer } from "@/services/server/render-client";
import { startRenderWorker } from "@/services/server/render-worker-thread";
import { passToNext, requestPipeline } from "@/services/server/request-pipeline";
import { PublicVersionReader } from "@/services/server/version-reader";
import { AudienceGate } from "@/services/viewers/cache-gate";

process.env.NEXT_TELEMETRY_DISABLED = "1";
const dev = process.argv.includes("--dev");

/**
 * Made at start: the routes believe a render request's audience only with this key
 * (services/viewers/request.ts). Set before the render worker starts, which inherits the environment.
 */
const RENDER_KEY = randomBytes(32).toString("base64url");
process.env.STATUS_RENDER_KEY = RENDER_KEY;
/**
 * The publisher's mark (services/server/request-pipeline.ts): its reads never fill the visitors' cache. Made
 * at start unless STATUS_PUBLISHER_KEY is set (so a publisher in another process, `npm run admin -- publish`
 * or the benchmark, can share it). It grants nothing but that.
 */
const PUBLISHER_KEY = process.env.STATUS_PUBLISHER_KEY || randomBytes(32).toString("base64url");
process.env.STATUS_PUBLISHER_KEY = PUBLISHER_KEY;

async function main() {
  const config = getConfig();
  const app = next({ dev, hostname: config.host, port: config.port, dir: process.cwd() });
  const handle = app.getRequestHandler();
  await app.prepare();
  // Maintenance automation, recurring maintenance and email delivery; RUN_JOBS=false when `npm run worker`
  // does this in a separate process. On a connection of its own whose statements are not counted: the query
  // counter (/_status/metrics) measures what serving visitors costs.
  if (config.runJobs) startBackgroundWork(openDatabase(config.databasePath, { countQueries: false }));

  if (dev) {
    http.createServer(passToNext(handle, config.trustProxy)).listen(config.port, config.host);
    return;
  }

  const internal = http.createServer((req, res) => {
    if (!routeLanguage(req, res)) void handle(req, res);
  });
  await new Promise<void>((resolve) => internal.listen(0, "127.0.0.1", resolve));
  const internalPort = (internal.address() as AddressInfo).port;
  // Renders go to the worker thread when it runs, so they do not stall the requests served from the cache.
  let renderPort = internalPort;
  let workerQueries = 0;
  const workerPort = config.renderWorker
    ? await startRenderWorker(
        // Resolved here, in the entry point: compiled, the worker is dist/render-worker.mjs beside this file.
        new URL("./render-worker.mjs", import.meta.url),
        { dir: process.cwd(), hostname: config.host, port: config.port },
        (count) => (workerQueries = count),
        () => (renderPort = internalPort),
      )
    : undefined;
  if (workerPort !== undefined) renderPort = workerPort;

  // A refusal repeats on every request for that path; saying it once is enough.
  const warned = new Set<string>();
  const warnOnce = (message: string) => {
    if (warned.has(message)) return;
    warned.add(message);
    console.warn(message);
  };
  const pages = new PageStore({
    render: pageRenderer({ port: () => renderPort, renderKey: RENDER_KEY }),
    warn: warnOnce,
  });
  const versions = new PublicVersionReader(config.databasePath);
  const server = http.createServer(
    requestPipeline({
      handle,
      trustProxy: config.trustProxy,
      pages,
      gate: new AudienceGate(getDb),
      versions,
      metrics: process.env.PAGE_METRICS === "1",
      workerQueries: () => workerQueries,
      publisherKey: PUBLISHER_KEY,
    }),
  );
  server.keepAliveTimeout = 65_000;
  server.listen(config.port, config.host, () => console.log(`Listening on http://${config.host}:${config.port}`));
  // Static publishing (services/publish), when targets are configured: it reads the site from this server,
  // so the copy is what visitors get. Runs whether or not RUN_JOBS does: only a server can render.
  const publisher = startConfiguredPublisher(openDatabase(config.databasePath, { countQueries: false }));

  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      server.close();
      internal.close();
      void publisher?.stop();
      versions.close();
      process.exit(0);
    });
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
