// The in-memory cache of rendered public responses that server.ts puts in front of Next. An entry holds the
// bytes, a gzip and a brotli copy, and an ETag; it is valid while the public content version it was rendered
// at is current (db/change-watcher.ts). Past its freshness window it is served once more while a fresh copy
// renders (time moves "upcoming" maintenance and the uptime days even when no one writes).
//
// The contract of a cached HTML page (docs/page-cache.md; checked by e2e/public-cache.spec.ts per route):
//   - Next's scripts are stripped (services/html-strip.ts): that is what makes a first visit about 20 KB. So the
//     HTML must be complete as rendered: nothing may be left for Next's client code to fill in.
//   - Metadata never streams: next.config.ts sets `htmlLimitedBots: /.*/` and server.ts's render request
//     sends a User-Agent (Next streams metadata to an empty one), so <title>, Open Graph and the icon are
//     in <head>.
//   - No Suspense boundary, loading.tsx or streamed segment on a cached route: HTML still carrying a
//     streaming marker (`<!--$?-->`, `<template id="B:`) is refused here, logged with the reason, and sent
//     to the visitor as rendered (with Next's scripts, uncached) instead.
//   - No client interactivity on a cached route beyond public/page.js (a `data-keep` script).
import { createHash } from "node:crypto";
import { promisify } from "node:util";
import zlib from "node:zlib";
import { isLocalizedPath, splitLocalePath } from "@/core/i18n/paths";
import { stripFrameworkScripts } from "./html-strip";

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);

/** Public GET/HEAD paths served from the cache. Other engineers add the API, feeds and badge here. */
export const CACHEABLE_PATHS: readonly RegExp[] = [
  /^\/$/,
  /^\/history$/,
  /^\/incidents\/[^/]+$/,
  /^\/api\/v2\/.+/,
  /^\/history\.(atom|rss)$/,
  /^\/maintenances\.ics$/,
  /^\/badge(\.svg)?$/,
];

/**
 * Each language's copy of a page (`/de/history`) is cached like the page itself, under its own key (cacheKey
 * keeps the prefix), and expires on the same content version. Only paths that have language versions do.
 */
export function isCacheable(method: string | undefined, url: string): boolean {
  if (method !== "GET" && method !== "HEAD") return false;
  const q = url.indexOf("?");
  const full = q === -1 ? url : url.slice(0, q);
  const { locale, rest } = splitLocalePath(full);
  if (locale && !isLocalizedPath(rest)) return false;
  const path = locale ? rest : full;
  for (const pattern of CACHEABLE_PATHS) if (pattern.test(path)) return true;
  return false;
}

/** Only the query parameters the pages read make a distinct entry, so `?utm=...` cannot flood the cache. */
export function cacheKey(url: string): string {
  if (!url.includes("?")) return url;
  const parsed = new URL(url, "http://x");
  const params = [...parsed.searchParams.entries()]
    .filter(([k]) => k === "page" || k === "component")
    .sort(([a], [b]) => a.localeCompare(b));
  const query = new URLSearchParams(params).toString();
  return query ? `${parsed.pathname}?${query}` : parsed.pathname;
}

/**
 * One entry per audience (core/audience.ts), never per person: the public copy keeps the plain key, the
 * internal copy lives under its own, so nothing can hand one audience's bytes to the other by accident.
 */
const INTERNAL_PREFIX = "internal ";
export function audienceKey(audience: "public" | "internal", key: string): string {
  return audience === "public" ? key : `${INTERNAL_PREFIX}${key}`;
}

/** The inverse of audienceKey: which audience's copy a key is, and the path to render for it. */
export function splitAudienceKey(key: string): { audience: "public" | "internal"; path: string } {
  return key.startsWith(INTERNAL_PREFIX)
    ? { audience: "internal", path: key.slice(INTERNAL_PREFIX.length) }
    : { audience: "public", path: key };
}

/** The caching header of every internal copy: no shared cache (CDN, proxy) may keep it. */
export const PRIVATE_CACHE_CONTROL = "private, no-store";

export type Encoding = "br" | "gzip" | "identity";
export type CacheState = "HIT" | "MISS" | "STALE";

/** One ready answer: a status, its headers as the flat [name, value, ...] list writeHead takes, a body. */
export interface Prepared {
  status: number;
  headers: string[];
  body: Buffer;
}

export interface CacheEntry {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  gzip: Buffer;
  br: Buffer;
  etag: string;
  version: number;
  renderedAt: number;
  /**
   * Every answer this entry can give, built once when it is made: per encoding and x-cache state the 200 (or
   * 404), and per state the 304. A cache hit then allocates no header object and formats no string.
   */
  responses: Record<Encoding, Record<CacheState, Prepared>>;
  notModified: Record<CacheState, Prepared>;
}

const STATES: readonly CacheState[] = ["HIT", "MISS", "STALE"];
const flat = (headers: Record<string, string>) => Object.entries(headers).flat();

function prepare(status: number, headers: Record<string, string>, bodies: Record<Encoding, Buffer>, etag: string) {
  const responses = {} as CacheEntry["responses"];
  for (const encoding of ["br", "gzip", "identity"] as const) {
    const body = bodies[encoding];
    const base = {
      ...headers,
      ...(encoding === "identity" ? {} : { "content-encoding": encoding }),
      "content-length": String(body.length),
    };
    responses[encoding] = Object.fromEntries(
      STATES.map((state) => [state, { status, headers: flat({ ...base, "x-cache": state }), body }]),
    ) as Record<CacheState, Prepared>;
  }
  // A 304 repeats the validators and caching headers (and CORS, so a cross-origin revalidation works).
  const cors = Object.fromEntries(Object.entries(headers).filter(([name]) => name.startsWith("access-control-")));
  const empty = Buffer.alloc(0);
  const notModified = Object.fromEntries(
    STATES.map((state) => [
      state,
      {
        status: 304,
        headers: flat({
          ...cors,
          etag,
          "cache-control": headers["cache-control"],
          vary: "Accept-Encoding",
          "x-cache": state,
        }),
        body: empty,
      },
    ]),
  ) as Record<CacheState, Prepared>;
  return { responses, notModified };
}

export const CACHE_CONTROL = "public, max-age=0, s-maxage=5, stale-while-revalidate=30, stale-if-error=86400";

/** Security headers for the cached pages: they carry no inline script, so script-src can be 'self'. */
const HTML_HEADERS = {
  "content-security-policy":
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'self'; base-uri 'self'; form-action 'self'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
};

export async function makeEntry(
  status: number,
  contentType: string,
  body: Buffer,
  version: number,
  now: number,
  /** Headers of the route to keep, e.g. CORS on the public API. */
  extra: Record<string, string> = {},
): Promise<CacheEntry> {
  const [gz, br] = await Promise.all([
    gzip(body, { level: 9 }),
    // Quality 8, not 9: on the 190 KB home page 9 took 10 ms (best of 15) and 8 took 1.4 ms for 0.3% more
    // bytes (10,352 against 10,323). Every visitor waiting on a miss waits for this.
    brotli(body, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 8, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length },
    }),
  ]);
  const etag = `"${createHash("sha1").update(body).digest("base64url").slice(0, 20)}"`;
  const headers: Record<string, string> = {
    ...extra,
    "content-type": contentType,
    // server.ts passes PRIVATE_CACHE_CONTROL for an internal copy.
    "cache-control": extra["cache-control"] ?? CACHE_CONTROL,
    vary: "Accept-Encoding",
    etag,
  };
  if (contentType.startsWith("text/html")) Object.assign(headers, HTML_HEADERS);
  return {
    status,
    headers,
    body,
    gzip: gz,
    br,
    etag,
    version,
    renderedAt: now,
    ...prepare(status, headers, { br, gzip: gz, identity: body }, etag),
  };
}

/** What server.ts got from Next for a cacheable path. */
export interface Rendered {
  status: number;
  contentType: string;
  body: Buffer;
  /** Headers of the route to keep, e.g. CORS on the public API. */
  headers: Record<string, string>;
}

/** React's marks of content still streaming: a pending Suspense boundary and the template it fills later. */
const STREAMING_MARKERS = ["<!--$?-->", '<template id="B:'] as const;

/**
 * The entry for a render, with Next's scripts stripped from HTML; undefined (and `warn` says why) when the
 * HTML depends on streaming that the stripped page could never complete.
 */
export async function entryFromRender(
  key: string,
  rendered: Rendered,
  version: number,
  now: number,
  warn: (message: string) => void = console.warn,
): Promise<CacheEntry | undefined> {
  if (!rendered.contentType.startsWith("text/html")) {
    return makeEntry(rendered.status, rendered.contentType, rendered.body, version, now, rendered.headers);
  }
  const html = rendered.body.toString("utf8");
  const marker = STREAMING_MARKERS.find((m) => html.includes(m));
  if (marker) {
    warn(
      `Not caching ${key}: its HTML contains the streaming marker ${marker}, which only Next's scripts complete and the cache strips them. ` +
        "Remove the Suspense boundary, loading.tsx or streamed metadata from this route (docs/page-cache.md).",
    );
    return undefined;
  }
  return makeEntry(
    rendered.status,
    rendered.contentType,
    Buffer.from(stripFrameworkScripts(html)),
    version,
    now,
    rendered.headers,
  );
}

export { chooseEncoding, sendEntry } from "./page-send";

/**
 * A size-bounded LRU. A read only stamps the entry with a counter (no reordering on the hot path); eviction,
 * which only runs when a new entry overflows the budget, drops the entries read longest ago.
 */
export class PageCache {
  private slots = new Map<string, { entry: CacheEntry; lastUsed: number }>();
  private bytes = 0;
  private clock = 0;
  /**
   * stale: previous copies served while a newer version rendered; refreshes: renders of aged entries.
   * publisherHits/publisherRenders: the static publisher's reads (PageStore.serveForPublisher), kept apart so
   * the visitors' hit rate is theirs alone.
   */
  stats = { hits: 0, misses: 0, stale: 0, refreshes: 0, publisherHits: 0, publisherRenders: 0 };

  constructor(private readonly maxBytes = 64 * 1024 * 1024) {}

  get(key: string): CacheEntry | undefined {
    const slot = this.slots.get(key);
    if (!slot) return undefined;
    slot.lastUsed = ++this.clock;
    return slot.entry;
  }

  /** Like get, without counting as a use: a reader that must not keep pages alive (the publisher). */
  peek(key: string): CacheEntry | undefined {
    return this.slots.get(key)?.entry;
  }

  set(key: string, entry: CacheEntry): void {
    this.delete(key);
    this.slots.set(key, { entry, lastUsed: ++this.clock });
    this.bytes += size(entry);
    while (this.bytes > this.maxBytes && this.slots.size > 1) {
      let oldest = key;
      let oldestUse = Infinity;
      for (const [k, slot] of this.slots) {
        if (slot.lastUsed < oldestUse) [oldest, oldestUse] = [k, slot.lastUsed];
      }
      this.delete(oldest);
    }
  }

  private delete(key: string): void {
    const slot = this.slots.get(key);
    if (!slot) return;
    this.bytes -= size(slot.entry);
    this.slots.delete(key);
  }

  get size(): number {
    return this.slots.size;
  }
}

const size = (e: CacheEntry) => e.body.length + e.gzip.length + e.br.length + 512;
