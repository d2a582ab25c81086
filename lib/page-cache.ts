// The in-memory cache of rendered public responses that server.ts puts in front of Next. An entry holds the
// bytes, a gzip and a brotli copy, and an ETag; it is valid while the public content version it was rendered
// at is current (db/change-watcher.ts). Past its freshness window it is served once more while a fresh copy
// renders (time moves "upcoming" maintenance and the uptime days even when no one writes).
//
// The contract of a cached HTML page (docs/page-cache.md; checked by e2e/public-cache.spec.ts per route):
//   - Next's scripts are stripped (lib/html-strip.ts): that is what makes a first visit about 20 KB. So the
//     HTML must be complete as rendered: nothing may be left for Next's client code to fill in.
//   - Metadata never streams: next.config.ts sets `htmlLimitedBots: /.*/` and server.ts's render request
//     sends a User-Agent (Next streams metadata to an empty one), so <title>, Open Graph and the icon are
//     in <head>.
//   - No Suspense boundary, loading.tsx or streamed segment on a cached route: HTML still carrying a
//     streaming marker (`<!--$?-->`, `<template id="B:`) is refused here, logged with the reason, and sent
//     to the visitor as rendered (with Next's scripts, uncached) instead.
//   - No client interactivity on a cached route beyond public/page.js (a `data-keep` script).
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { promisify } from "node:util";
import zlib from "node:zlib";
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

export function isCacheable(method: string | undefined, url: string): boolean {
  if (method !== "GET" && method !== "HEAD") return false;
  const path = url.split("?")[0];
  return CACHEABLE_PATHS.some((p) => p.test(path));
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

export interface CacheEntry {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  gzip: Buffer;
  br: Buffer;
  etag: string;
  version: number;
  renderedAt: number;
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
    brotli(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
  ]);
  const etag = `"${createHash("sha1").update(body).digest("base64url").slice(0, 20)}"`;
  const headers: Record<string, string> = { ...extra, "content-type": contentType, "cache-control": CACHE_CONTROL, vary: "Accept-Encoding", etag };
  if (contentType.startsWith("text/html")) Object.assign(headers, HTML_HEADERS);
  return { status, headers, body, gzip: gz, br, etag, version, renderedAt: now };
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
  return makeEntry(rendered.status, rendered.contentType, Buffer.from(stripFrameworkScripts(html)), version, now, rendered.headers);
}

/** Picks brotli, then gzip, from Accept-Encoding (ignoring q-values other than an explicit q=0). */
export function chooseEncoding(acceptEncoding: string | undefined): "br" | "gzip" | null {
  const offered = new Set(
    (acceptEncoding ?? "")
      .split(",")
      .map((part) => part.trim().toLowerCase())
      .filter((part) => !/;\s*q=0(\.0*)?$/.test(part))
      .map((part) => part.split(";")[0]),
  );
  if (offered.has("br")) return "br";
  if (offered.has("gzip")) return "gzip";
  return null;
}

export function sendEntry(req: IncomingMessage, res: ServerResponse, entry: CacheEntry, cacheState: string): void {
  const headers: Record<string, string | number> = { ...entry.headers, "x-cache": cacheState };
  const inm = req.headers["if-none-match"];
  if (entry.status === 200 && inm && inm.split(",").some((tag) => tag.trim().replace(/^W\//, "") === entry.etag)) {
    const cors = Object.fromEntries(Object.entries(entry.headers).filter(([name]) => name.startsWith("access-control-")));
    res.writeHead(304, { ...cors, etag: entry.etag, "cache-control": entry.headers["cache-control"], vary: "Accept-Encoding", "x-cache": cacheState });
    res.end();
    return;
  }
  const encoding = chooseEncoding(req.headers["accept-encoding"]);
  const body = encoding === "br" ? entry.br : encoding === "gzip" ? entry.gzip : entry.body;
  if (encoding) headers["content-encoding"] = encoding;
  headers["content-length"] = body.length;
  res.writeHead(entry.status, headers);
  res.end(req.method === "HEAD" ? undefined : body);
}

/** A size-bounded LRU: Map iteration order is insertion order, so re-inserting on read marks "recently used". */
export class PageCache {
  private entries = new Map<string, CacheEntry>();
  private bytes = 0;
  stats = { hits: 0, misses: 0, stale: 0 };

  constructor(private readonly maxBytes = 64 * 1024 * 1024) {}

  get(key: string): CacheEntry | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  set(key: string, entry: CacheEntry): void {
    this.delete(key);
    this.entries.set(key, entry);
    this.bytes += size(entry);
    for (const [oldest] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.delete(oldest);
    }
  }

  private delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.bytes -= size(entry);
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}

const size = (e: CacheEntry) => e.body.length + e.gzip.length + e.br.length + 512;
