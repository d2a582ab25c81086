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
// With --dev it runs `next dev` with no cache.
import { randomBytes } from "node:crypto";
import http from "node:http";
import { Worker } from "node:worker_threads";
import type { AddressInfo } from "node:net";
import next from "next";
import { getDb, openDatabase, queryCounter } from "@/db";
import { watchPublicVersion, type PublicVersionWatcher } from "@/db/change-watcher";
import { getConfig } from "@/core/config";
import { NOT_FOUND_PATH, splitLocalePath } from "@/core/i18n/paths";
import { forwardedFor } from "@/services/auth/request";
import { startBackgroundWork } from "@/services/jobs/background";
import type { Audience } from "@/db/constants";
import {
  audienceKey,
  cacheKey,
  isCacheable,
  PRIVATE_CACHE_CONTROL,
  sendEntry,
  splitAudienceKey,
  type Rendered,
} from "@/services/page-cache";
import type { RenderWorkerData, RenderWorkerMessage } from "./render-worker";
import { PageStore, UNAVAILABLE, type Ready, type Uncached } from "@/services/page-store";
import { startConfiguredPublisher } from "@/services/publish/from-config";
import { AudienceGate } from "@/services/viewers/cache-gate";
import { RENDER_AUDIENCE_HEADER, RENDER_KEY_HEADER } from "@/services/viewers/policy";
import { routeLanguage } from "@/services/i18n/node-routing";

process.env.NEXT_TELEMETRY_DISABLED = "1";
const dev = process.argv.includes("--dev");

/** Sent with every render request; matched by htmlLimitedBots (next.config.ts). */
const RENDER_USER_AGENT = "StatusPageCache/1 (server.ts)";

/** Response headers of a route that a cached copy must keep (the public API allows any origin). */
const PASSTHROUGH = /^(access-control-|content-disposition$|location$)/;

/**
 * Made at start: the routes believe a render request's audience only with this key
 * (services/viewers/request.ts). Set before the render worker starts, which inherits the environment.
 */
const RENDER_KEY = randomBytes(32).toString("base64url");
process.env.STATUS_RENDER_KEY = RENDER_KEY;

function fetchInternal(
  port: number,
  path: string,
  host: string | undefined,
  audience: Audience = "public",
): Promise<Rendered> {
  return new Promise((resolve, reject) => {
    const request = http.get(
      // No cookies or auth are forwarded: cached pages are the anonymous view. The User-Agent is what makes
      // Next put the metadata in <head> (with htmlLimitedBots in next.config.ts; an empty one gets it streamed).
      {
        host: "127.0.0.1",
        port,
        path,
        headers: {
          host: host ?? "localhost",
          accept: "text/html,*/*",
          "accept-encoding": "identity",
          "user-agent": RENDER_USER_AGENT,
          // The audience this copy is for, decided by the gate; "public" also keeps the loopback address
          // from counting as an allowed IP.
          [RENDER_AUDIENCE_HEADER]: audience,
          [RENDER_KEY_HEADER]: RENDER_KEY,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (c: Buffer) => chunks.push(c));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 500,
            contentType: String(response.headers["content-type"] ?? "text/html"),
            body: Buffer.concat(chunks),
            headers: Object.fromEntries(
              Object.entries(response.headers)
                .filter(([name]) => PASSTHROUGH.test(name))
                .map(([name, value]) => [name, String(value)]),
            ),
          }),
        );
        response.on("error", reject);
      },
    );
    request.on("error", reject);
  });
}

/**
 * Starts render-worker.ts (compiled next to this file); resolves with its port, or undefined when it cannot
 * start, in which case the server renders on its own thread, as it does if the worker dies later.
 */
function startRenderWorker(
  data: RenderWorkerData,
  onQueries: (count: number) => void,
  onExit: () => void,
): Promise<number | undefined> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(new URL("./render-worker.mjs", import.meta.url), { workerData: data });
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

/** The last X-Forwarded-For entry, as services/auth/request.ts's clientAddress reads it. */
const clientAddress = (forwarded: string) => forwarded.split(",").at(-1)?.trim().slice(0, 64) || null;

function setForwardedFor(req: http.IncomingMessage, trustProxy: boolean): void {
  req.headers["x-forwarded-for"] = forwardedFor(req.headers["x-forwarded-for"], req.socket.remoteAddress, trustProxy);
}

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
    http
      .createServer((req, res) => {
        setForwardedFor(req, config.trustProxy);
        if (routeLanguage(req, res)) return;
        void handle(req, res);
      })
      .listen(config.port, config.host);
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
    render: async (key, host) => {
      const { audience, path } = splitAudienceKey(key);
      let rendered = await fetchInternal(renderPort, path, host, audience);
      // notFound() in a dynamic page gets an empty error shell that Next's client JS fills in; we send no
      // framework JS, so a 404 gets the static not-found page (what an unknown path gets) instead.
      if (rendered.status === 404 && rendered.contentType.startsWith("text/html")) {
        // In the language of the path that was not found: /de/incidents/gone gets the German page.
        const locale = splitLocalePath(path.split("?")[0]).locale;
        const probe = locale ? `/${locale}${NOT_FOUND_PATH}` : NOT_FOUND_PATH;
        rendered = { ...(await fetchInternal(renderPort, probe, host, audience)), status: 404 };
      }
      if (audience === "internal") rendered.headers["cache-control"] = PRIVATE_CACHE_CONTROL;
      return rendered;
    },
    warn: warnOnce,
  });
  const cache = pages.cache;
  const gate = new AudienceGate(getDb);
  let watcher: PublicVersionWatcher | undefined;
  /** The last version read; -1 (matching no entry) until the first read succeeds. */
  let lastVersion = -1;
  let readThisTurn = false;
  const nextTurn = () => {
    readThisTurn = false;
  };
  // Read once per turn of the event loop, not per request and not on a timer. Every request handled in a turn
  // was sent before that turn's poll returned, and the read comes after it, so a request sent after any commit
  // (from this process or another) still sees it: "a change shows on the next request" holds exactly, and
  // under load many requests share one read (a read costs a few microseconds: bench/version-check.ts).
  const currentVersion = () => {
    if (readThisTurn) return lastVersion;
    readThisTurn = true;
    setImmediate(nextTurn);
    // Opened lazily: the database exists by now (start.ts prepared it), but a failure must not stop serving.
    // While it cannot be read, the last version read stays current: the cached pages keep being served.
    try {
      watcher ??= watchPublicVersion(config.databasePath);
      lastVersion = watcher.current();
    } catch (err) {
      if (watcher) console.error("Reading the public content version failed:", err);
      watcher?.close();
      watcher = undefined;
    }
    return lastVersion;
  };

  const sendServed = (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    served: Ready | Uncached,
    audience: Audience,
  ) => {
    if ("entry" in served) return sendEntry(req, res, served.entry, served.state);
    res.writeHead(served.status, {
      "content-type": served.contentType,
      "cache-control": audience === "internal" ? PRIVATE_CACHE_CONTROL : "no-store",
    });
    res.end(req.method === "HEAD" ? undefined : served.body);
  };

  const metrics = process.env.PAGE_METRICS === "1";
  // Synchronous on purpose: a hit creates no promise and touches nothing Next set up, only the entry's
  // prepared answer (services/page-send.ts).
  const server = http.createServer((req, res) => {
    const url = req.url ?? "/";
    if (metrics && url === "/_status/metrics") {
      // Counters only, nothing secret; off unless PAGE_METRICS=1 (the tests and the benchmark set it).
      const memory = process.memoryUsage();
      res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
      res.end(
        JSON.stringify({
          // The render worker's queries too: it runs in this process.
          queries: queryCounter.count + workerQueries,
          version: lastVersion,
          cache: { ...cache.stats, entries: cache.size },
          rss: memory.rss,
          heapUsed: memory.heapUsed,
        }),
      );
      return;
    }
    // Client-side navigations from the console (next/link) ask for the RSC payload, not the cached HTML.
    if (!isCacheable(req.method, url) || req.headers["rsc"] !== undefined) {
      // Only Next reads the client address (rate limits, audit); the cached pages do not.
      setForwardedFor(req, config.trustProxy);
      if (routeLanguage(req, res)) return;
      return void handle(req, res);
    }
    // When the version moved, the first request waits for the new render and the others get the previous
    // copy for a bounded time (services/page-store.ts).
    const version = currentVersion();
    // Which audience's copy this request may have (a public page decides it without a query).
    let audience: Audience | "refused";
    try {
      audience = gate.decide(version, req.headers, url, () =>
        clientAddress(forwardedFor(req.headers["x-forwarded-for"], req.socket.remoteAddress, config.trustProxy)),
      );
    } catch {
      audience = "refused";
    }
    // A private page's anonymous request: Next answers it (a redirect to sign in, or a 401), never the cache.
    if (audience === "refused") {
      setForwardedFor(req, config.trustProxy);
      if (routeLanguage(req, res)) return;
      return void handle(req, res);
    }
    const who = audience;
    const served = pages.serve(audienceKey(audience, cacheKey(url)), version, req.headers.host);
    if (served instanceof Promise)
      served.then(
        (answer) => sendServed(req, res, answer, who),
        (err) => {
          console.error("Serving", url, "failed:", err);
          sendServed(req, res, UNAVAILABLE, who);
        },
      );
    else sendServed(req, res, served, audience);
  });
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
      watcher?.close();
      process.exit(0);
    });
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
