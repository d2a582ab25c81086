// Which audience a request belongs to: the one decision every public route and the page cache ask for.
//   - A public page: everyone is the public audience (and nothing is looked up).
//   - Otherwise the internal audience if the client address is on the allow-list (TRUST_PROXY decided the
//     address before it got here), or it carries a live viewer session cookie, or a live viewer token.
// The caller then asks core/audience.ts what that audience may see (pageAccess / hiddenFrom).
import type { Db } from "@/db";
import type { Audience, PageVisibility } from "@/db/constants";
import { getPage } from "@/db/queries/status-page";
import type { Page } from "@/db/schema";
import { ipAllowed, listOf, pageAccess, type PageAccess } from "@/core/audience";
import { lookupViewerSession, type Viewer } from "./sessions";
import { checkViewerToken } from "./tokens";

export interface AudienceRequest {
  /** The viewer cookie's value. */
  session?: string | null;
  /** A viewer token (Authorization: Bearer, or ?viewer_token= for feed readers). */
  token?: string | null;
  /** The client address as TRUST_PROXY decided it. */
  ip?: string | null;
}

export interface ResolvedAudience {
  audience: Audience;
  visibility: PageVisibility;
  access: PageAccess;
  viewer: Viewer | null;
}

export function resolveAudience(db: Db, request: AudienceRequest, now = Date.now()): ResolvedAudience {
  return resolveAudienceFor(db, getPage(db), request, now);
}

/** The same, for a caller that already holds the page row (the page cache reads it once per content version). */
export function resolveAudienceFor(
  db: Db,
  page: Pick<Page, "visibility" | "viewerIpAllowlist"> | undefined,
  request: AudienceRequest,
  now = Date.now(),
): ResolvedAudience {
  const visibility = page?.visibility ?? "public";
  const as = (audience: Audience, viewer: Viewer | null): ResolvedAudience => ({
    audience,
    visibility,
    access: pageAccess(visibility, audience),
    viewer,
  });
  if (!page || visibility === "public") return as("public", null);
  const viewer = lookupViewerSession(db, request.session, now);
  if (viewer) return as("internal", viewer);
  if (request.token) {
    const token = checkViewerToken(db, request.token, now);
    if (token) return as("internal", { email: `token:${token.name}`, method: "token" });
  }
  if (ipAllowed(request.ip, listOf(page.viewerIpAllowlist)))
    return as("internal", { email: `address:${request.ip}`, method: "ip" });
  return as("public", null);
}

/** The viewer token a request carries, if any: the Authorization header first, then the query parameter. */
export function bearerToken(headers: Headers, url: string | undefined): string | null {
  const auth = headers.get("authorization");
  const match = auth ? /^Bearer\s+(\S{1,200})$/i.exec(auth) : null;
  if (match) return match[1];
  if (!url?.includes("viewer_token=")) return null;
  const value = new URL(url, "http://x").searchParams.get("viewer_token");
  return value && value.length <= 200 ? value : null;
}
