// The audience of the request being handled, for routes and pages. Two ways in:
//   - From the page cache (server.ts): it already decided the audience and says so in a header, signed with a
//     key only this process knows (STATUS_RENDER_KEY, made at start). A render for the public sends
//     "public", so the cache's loopback address never counts as an allowed IP.
//   - Straight to Next (dev, client navigations): from the viewer cookie, a viewer token and the address.
import { timingSafeEqual } from "node:crypto";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import type { Audience } from "@/db/constants";
import { getPage } from "@/db/queries/status-page";
import { pageAccess } from "@/core/audience";
import { clientAddress } from "@/services/auth/request";
import { bearerToken, resolveAudience, type ResolvedAudience } from "./access";
import { RENDER_AUDIENCE_HEADER, RENDER_KEY_HEADER, VIEWER_COOKIE } from "./policy";

export { RENDER_AUDIENCE_HEADER, RENDER_KEY_HEADER };

/** What a response for the internal audience must say to every cache between us and the viewer. */
export const PRIVATE_CACHE_CONTROL = "private, no-store";

function trustedRenderAudience(h: Headers): Audience | null {
  const key = process.env.STATUS_RENDER_KEY;
  const given = h.get(RENDER_KEY_HEADER);
  if (!key || !given || given.length !== key.length) return null;
  if (!timingSafeEqual(Buffer.from(given), Buffer.from(key))) return null;
  const audience = h.get(RENDER_AUDIENCE_HEADER);
  return audience === "internal" || audience === "public" ? audience : null;
}

function cookieValue(cookieHeader: string | null, name: string): string | null {
  for (const part of (cookieHeader ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return null;
}

/** The audience of a route handler's request. */
export function requestAudience(request: Request): ResolvedAudience {
  const db = getDb();
  const trusted = trustedRenderAudience(request.headers);
  if (trusted) {
    const visibility = getPage(db)?.visibility ?? "public";
    return { audience: trusted, visibility, access: pageAccess(visibility, trusted), viewer: null };
  }
  return resolveAudience(db, {
    session: cookieValue(request.headers.get("cookie"), VIEWER_COOKIE),
    token: bearerToken(request.headers, request.url),
    ip: clientAddress(request.headers),
  });
}

/** The audience of a page being rendered (metadata too); see pageAudience for the page itself. */
export async function currentAudience(): Promise<ResolvedAudience> {
  const h = await headers();
  const db = getDb();
  const trusted = trustedRenderAudience(h);
  let resolved: ResolvedAudience;
  if (trusted) {
    const visibility = getPage(db)?.visibility ?? "public";
    resolved = { audience: trusted, visibility, access: pageAccess(visibility, trusted), viewer: null };
  } else {
    const jar = await cookies();
    resolved = resolveAudience(db, { session: jar.get(VIEWER_COOKIE)?.value ?? null, ip: clientAddress(h) });
  }
  return resolved;
}

/** The audience of a page being rendered; a private page sends the public audience to sign in. */
export async function pageAudience(): Promise<ResolvedAudience> {
  const resolved = await currentAudience();
  if (resolved.access === "refused") redirect("/sign-in");
  return resolved;
}

/** A route's answer for the internal audience: never stored by a shared cache. */
export function forAudience(response: Response, audience: Audience): Response {
  if (audience === "internal") {
    response.headers.set("Cache-Control", PRIVATE_CACHE_CONTROL);
    response.headers.set("Vary", "Cookie, Authorization");
  }
  return response;
}
