// The production server: Next's request handler behind an in-memory cache of the public pages, so a visitor
// costs no database work until public content changes. Run by scripts/start.ts (`npm start`, `npm run dev`).
//   - Public GET/HEAD paths (services/page-cache.ts) are answered from the cache, compressed, with an ETag.
//   - A miss renders once through Next on an internal loopback listener (concurrent misses share it).
//   - An entry is valid while the public content version it was rendered at is current: one number that
//     SQLite triggers raise on every write to a public table, by any process (db/change-watcher.ts).
//   - Everything else (assets, health, forms, the admin console) goes straight to Next.
// With --dev it runs `next dev` with no cache.
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import next from "next";
import { getDb, openDatabase, queryCounter } from "@/db";
import { watchPublicVersion, type PublicVersionWatcher } from "@/db/change-watcher";
import { getConfig } from "@/core/config";
import { forwardedFor } from "@/services/auth/request";
import { startBackgroundWork } from "@/services/jobs/background";
import { startConfiguredPublisher } from "@/services/publish/from-config";
import { AudienceGate } from "@/services/viewers/cache-gate";
import { RENDER_AUDIENCE_HEADER, RENDER_KEY_HEADER } from "@/services/viewers/policy";
import type { Audience } from "@/db/constants";
import {
  audienceKey,
  cacheKey,
  PRIVATE_CACHE_CONTROL,
  entryFromRender,
  isCacheable,
  PageCache,
  sendEntry,
  type CacheEntry,
  type Rendered,
} from "@/services/page-cache";

process.env.NEXT_TELEMETRY_DISABLED = "1";
const dev = process.argv.includes("--dev");
/** How long an entry is fresh when nothing is written: time alone changes the pages slowly. */
const FRESH_MS = 60_000;
/** A path no route matches: Next answers it with the static not-found page. */
const NOT_FOUND_PROBE = "/__status/not-found";

/** Sent with every render request; matched by htmlLimitedBots (next.config.ts). */
const RENDER_USER_AGENT = "StatusPageCache/1 (server.ts)";

/** Response headers of a route that a cached copy must keep (the public API allows any origin). */
const PASSTHROUGH = /^(access-control-|content-disposition$)/;

/** Made at start: the routes believe a render request's audience only with this key (services/viewers/request.ts). */
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
        void handle(req, res);
      })
      .listen(config.port, config.host);
    return;
  }

  const internal = http.createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => internal.listen(0, "127.0.0.1", resolve));
  const internalPort = (internal.address() as AddressInfo).port;

  const cache = new PageCache();
  const gate = new AudienceGate(getDb);
  const inFlight = new Map<string, Promise<CacheEntry | Rendered | (Rendered & { refused: true })>>();
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

  // A refusal repeats on every request for that path; saying it once is enough.
  const warned = new Set<string>();
  const warnOnce = (message: string) => {
    if (warned.has(message)) return;
    warned.add(message);
    console.warn(message);
  };

  /** Renders a path once for all concurrent requests; caches 200 and 404, returns other answers uncached. */
  const render = (path: string, audience: Audience, version: number, host: string | undefined) => {
    const key = audienceKey(audience, path);
    const flightKey = `${version} ${key}`;
    let flight = inFlight.get(flightKey);
    if (!flight) {
      flight = (async () => {
        let rendered = await fetchInternal(internalPort, path, host, audience);
        // notFound() in a dynamic page gets an empty error shell that Next's client JS fills in; we send no
        // framework JS, so a 404 gets the static not-found page (what an unknown path gets) instead.
        if (rendered.status === 404 && rendered.contentType.startsWith("text/html")) {
          rendered = { ...(await fetchInternal(internalPort, NOT_FOUND_PROBE, host, audience)), status: 404 };
        }
        if (audience === "internal") rendered.headers["cache-control"] = PRIVATE_CACHE_CONTROL;
        if (rendered.status !== 200 && rendered.status !== 404) return rendered;
        const entry = await entryFromRender(key, rendered, version, Date.now(), warnOnce);
        // Refused (streaming markers): the visitor gets the page as Next rendered it, scripts included, uncached.
        if (!entry) return { ...rendered, refused: true };
        cache.set(key, entry);
        return entry;
      })().finally(() => inFlight.delete(flightKey));
      inFlight.set(flightKey, flight);
    }
    return flight;
  };

  /** A miss (or an entry of an older version): render once for everyone waiting, then answer. */
  const serveMiss = async (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    path: string,
    audience: Audience,
    version: number,
    entry: CacheEntry | undefined,
  ) => {
    const key = audienceKey(audience, path);
    cache.stats.misses++;
    try {
      const result = await render(path, audience, version, req.headers.host);
      if ("etag" in result) return sendEntry(req, res, result, "MISS");
      // An error page: served stale if we have anything, otherwise as it came, uncached.
      if (entry && !("refused" in result)) return sendEntry(req, res, entry, "STALE");
      res.writeHead(result.status, {
        "content-type": result.contentType,
        "cache-control": audience === "internal" ? PRIVATE_CACHE_CONTROL : "no-store",
      });
      res.end(req.method === "HEAD" ? undefined : result.body);
    } catch (err) {
      console.error("Rendering", key, "failed:", err);
      if (entry) return sendEntry(req, res, entry, "STALE");
      res.writeHead(503, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
      res.end("The status page is temporarily unavailable.");
    }
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
          queries: queryCounter.count,
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
      return void handle(req, res);
    }
    const path = cacheKey(url);
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
      return void handle(req, res);
    }
    const key = audienceKey(audience, path);
    const entry = cache.get(key);
    if (entry && entry.version === version) {
      cache.stats.hits++;
      if (Date.now() - entry.renderedAt > FRESH_MS) {
        cache.stats.stale++;
        render(path, audience, version, req.headers.host).catch(() => undefined);
      }
      return sendEntry(req, res, entry, "HIT");
    }
    void serveMiss(req, res, path, audience, version, entry);
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
