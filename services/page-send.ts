// Sending a cached entry: the hot path of every public page view. Everything that can be decided once per
// entry was decided in makeEntry (services/page-cache.ts); here is only the choice of a prepared answer.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { CacheEntry, CacheState, Encoding } from "./page-cache";

function parseEncoding(acceptEncoding: string): Encoding {
  const offered = new Set(
    acceptEncoding
      .split(",")
      .map((part) => part.trim().toLowerCase())
      .filter((part) => !/;\s*q=0(\.0*)?$/.test(part))
      .map((part) => part.split(";")[0]),
  );
  if (offered.has("br")) return "br";
  if (offered.has("gzip")) return "gzip";
  return "identity";
}

/** Browsers send a handful of distinct Accept-Encoding values; each is parsed once. Bounded, so junk cannot grow it. */
const seen = new Map<string, Encoding>();
const SEEN_MAX = 256;

/** Picks brotli, then gzip, from Accept-Encoding (ignoring q-values other than an explicit q=0). */
export function chooseEncoding(acceptEncoding: string | undefined): "br" | "gzip" | null {
  const encoding = encodingOf(acceptEncoding);
  return encoding === "identity" ? null : encoding;
}

function encodingOf(acceptEncoding: string | undefined): Encoding {
  if (!acceptEncoding) return "identity";
  let encoding = seen.get(acceptEncoding);
  if (encoding === undefined) {
    encoding = parseEncoding(acceptEncoding);
    if (seen.size < SEEN_MAX) seen.set(acceptEncoding, encoding);
  }
  return encoding;
}

function matchesEtag(ifNoneMatch: string, etag: string): boolean {
  if (ifNoneMatch === etag) return true;
  return ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag);
}

export function sendEntry(req: IncomingMessage, res: ServerResponse, entry: CacheEntry, cacheState: CacheState): void {
  const inm = req.headers["if-none-match"];
  const answer =
    inm !== undefined && entry.status === 200 && matchesEtag(inm, entry.etag)
      ? entry.notModified[cacheState]
      : entry.responses[encodingOf(req.headers["accept-encoding"])][cacheState];
  res.writeHead(answer.status, answer.headers);
  if (answer.status === 304 || req.method === "HEAD") res.end();
  else res.end(answer.body);
}
