// The production server's request pipeline (server.ts), in order:
//   1. /_status/metrics when PAGE_METRICS=1: counters only.
//   2. Not a cacheable public GET/HEAD (services/page-cache.ts), or a console navigation asking for the RSC
//      payload: straight to Next, after the client address and the language are settled.
//   3. The public content version of this event-loop turn (version-reader.ts), and which audience's copy the
//      request may have (AudienceGate); a private page's anonymous request goes to Next, never the cache.
//   4. The copy from the PageStore, compressed, with an ETag (services/page-send.ts).
import { timingSafeEqual } from "node:crypto";
import type http from "node:http";
import type { Audience } from "@/db/constants";
import { queryCounter } from "@/db";
import { forwardedFor, lastForwarded } from "@/services/auth/request";
import { routeLanguage } from "@/services/i18n/node-routing";
import { audienceKey, cacheKey, isCacheable, PRIVATE_CACHE_CONTROL, sendEntry } from "@/services/page-cache";
import { UNAVAILABLE, type PageStore, type Ready, type Uncached } from "@/services/page-store";
import type { AudienceGate } from "@/services/viewers/cache-gate";
import type { PublicVersionReader } from "./version-reader";

export type NextHandler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;

export interface PipelineOptions {
  /** Next's request handler. */
  handle: NextHandler;
  /** TRUST_PROXY: whether X-Forwarded-For from the peer is believed. */
  trustProxy: boolean;
  pages: PageStore;
  gate: AudienceGate;
  versions: PublicVersionReader;
  /** Serve /_status/metrics (PAGE_METRICS=1: the tests and the benchmark). */
  metrics: boolean;
  /** The render worker's query count: it runs in this process, so /_status/metrics counts it too. */
  workerQueries: () => number;
  /**
   * Made at start and given only to this process's publisher: a request carrying it in PUBLISHER_KEY_HEADER is
   * served without keeping its render (PageStore.serveForPublisher), so a full publish never evicts visitors'
   * pages. A key, not the User-Agent: anyone could send that and make every one of their requests a render.
   */
  publisherKey?: string;
}

export const PUBLISHER_KEY_HEADER = "x-status-publisher-key";

function isPublisher(req: http.IncomingMessage, key: string | undefined): boolean {
  const given = req.headers[PUBLISHER_KEY_HEADER];
  if (!key || typeof given !== "string") return false;
  const a = Buffer.from(given);
  const b = Buffer.from(key);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Only Next reads the client address (rate limits, audit); the cached pages do not. */
export function setForwardedFor(req: http.IncomingMessage, trustProxy: boolean): void {
  req.headers["x-forwarded-for"] = forwardedFor(req.headers["x-forwarded-for"], req.socket.remoteAddress, trustProxy);
}

/** Next's answer, with the client address set and `/de/...` routed to its language (services/i18n). */
export function passToNext(handle: NextHandler, trustProxy: boolean) {
  return (req: http.IncomingMessage, res: http.ServerResponse): void => {
    setForwardedFor(req, trustProxy);
    if (routeLanguage(req, res)) return;
    void handle(req, res);
  };
}

function sendServed(req: http.IncomingMessage, res: http.ServerResponse, served: Ready | Uncached, audience: Audience) {
  if ("entry" in served) return sendEntry(req, res, served.entry, served.state);
  res.writeHead(served.status, {
    "content-type": served.contentType,
    "cache-control": audience === "internal" ? PRIVATE_CACHE_CONTROL : "no-store",
  });
  res.end(req.method === "HEAD" ? undefined : served.body);
}

function sendMetrics(res: http.ServerResponse, options: PipelineOptions): void {
  // Counters only, nothing secret; off unless PAGE_METRICS=1.
  const memory = process.memoryUsage();
  const cache = options.pages.cache;
  res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(
    JSON.stringify({
      queries: queryCounter.count + options.workerQueries(),
      version: options.versions.last,
      cache: { ...cache.stats, entries: cache.size },
      rss: memory.rss,
      heapUsed: memory.heapUsed,
    }),
  );
}

/**
 * The public server's handler. Synchronous on purpose: a hit creates no promise and touches nothing Next set
 * up, only the entry's prepared answer (services/page-send.ts).
 */
export function requestPipeline(options: PipelineOptions) {
  const { gate, pages, versions, trustProxy } = options;
  const toNext = passToNext(options.handle, trustProxy);
  return (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const url = req.url ?? "/";
    if (options.metrics && url === "/_status/metrics") return sendMetrics(res, options);
    // Client-side navigations from the console (next/link) ask for the RSC payload, not the cached HTML.
    if (!isCacheable(req.method, url) || req.headers["rsc"] !== undefined) return toNext(req, res);
    // When the version moved, the first request waits for the new render and the others get the previous
    // copy for a bounded time (services/page-store.ts).
    const version = versions.current();
    // Which audience's copy this request may have (a public page decides it without a query).
    let audience: Audience | "refused";
    try {
      audience = gate.decide(version, req.headers, url, () =>
        lastForwarded(forwardedFor(req.headers["x-forwarded-for"], req.socket.remoteAddress, trustProxy)),
      );
    } catch {
      audience = "refused";
    }
    // A private page's anonymous request: Next answers it (a redirect to sign in, or a 401), never the cache.
    if (audience === "refused") return toNext(req, res);
    const who = audience;
    const key = audienceKey(audience, cacheKey(url));
    const served = isPublisher(req, options.publisherKey)
      ? pages.serveForPublisher(key, version, req.headers.host)
      : pages.serve(key, version, req.headers.host);
    if (served instanceof Promise)
      served.then(
        (answer) => sendServed(req, res, answer, who),
        (err) => {
          console.error("Serving", url, "failed:", err);
          sendServed(req, res, UNAVAILABLE, who);
        },
      );
    else sendServed(req, res, served, audience);
  };
}
