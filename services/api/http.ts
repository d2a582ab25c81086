// HTTP details shared by the public read-only interfaces: CORS for any origin, short public caching that a
// CDN can absorb a spike with, and an ETag so pollers get a 304 instead of the body.
import { createHash } from "node:crypto";
import { isDatabaseUnavailable } from "@/db/unavailable";

export const PUBLIC_CACHE_CONTROL = "public, max-age=10, s-maxage=10, stale-while-revalidate=30, stale-if-error=86400";

const CORS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
  "Access-Control-Allow-Headers": "*",
  "Access-Control-Max-Age": "86400",
};

export function etagOf(body: string | Uint8Array): string {
  return `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
}

function matchesEtag(request: Request, etag: string): boolean {
  const header = request.headers.get("if-none-match");
  if (!header) return false;
  if (header.trim() === "*") return true;
  return header.split(",").some((candidate) => candidate.trim().replace(/^W\//, "") === etag);
}

/** A cacheable public response: 304 when the client has it, no body for HEAD. */
export function publicResponse(request: Request, body: string, contentType: string, status = 200): Response {
  const etag = etagOf(body);
  const headers = { ...CORS, "Content-Type": contentType, "Cache-Control": PUBLIC_CACHE_CONTROL, ETag: etag };
  if (status === 200 && matchesEtag(request, etag)) return new Response(null, { status: 304, headers });
  return new Response(request.method === "HEAD" ? null : body, { status, headers });
}

export function publicJson(request: Request, data: unknown, status = 200): Response {
  return publicResponse(request, JSON.stringify(data), "application/json; charset=utf-8", status);
}

export function jsonError(request: Request, status: number, error: string): Response {
  return new Response(request.method === "HEAD" ? null : JSON.stringify({ error }), {
    status,
    headers: { ...CORS, "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" },
  });
}

/**
 * Wraps a public JSON handler so a failure is still the documented `{ error }` JSON: 503 while the database
 * is unreachable or cannot answer, 500 (logged) for anything else. Never an empty 500.
 */
export function guardJson(
  handler: (request: Request) => Response | Promise<Response>,
): (request: Request) => Promise<Response> {
  return async (request) => {
    try {
      return await handler(request);
    } catch (err) {
      console.error("api: unexpected error", err);
      return isDatabaseUnavailable(err)
        ? jsonError(request, 503, "The status page cannot read its database right now; try again in a minute")
        : jsonError(request, 500, "Something went wrong on the server; it has been logged");
    }
  };
}

/** CORS preflight. */
export function preflight(): Response {
  return new Response(null, { status: 204, headers: CORS });
}
