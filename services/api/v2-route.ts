import { forAudience, requestAudience } from "@/services/viewers/request";
import { PRIVATE_PAGE_ERROR } from "@/services/viewers/policy";
import { getDb } from "@/db";
import { guardJson, jsonError, preflight, publicJson } from "./http";
import { apiContext, buildV2, type V2Endpoint } from "./v2";

/** GET, HEAD and OPTIONS handlers for one public, unauthenticated v2 endpoint. */
export function v2Handlers(endpoint: V2Endpoint) {
  const GET = guardJson((request: Request) => {
    const db = getDb();
    const who = requestAudience(request);
    if (who.access === "refused") return jsonError(request, 401, PRIVATE_PAGE_ERROR);
    const ctx = apiContext(db, undefined, who.audience);
    if (!ctx) return jsonError(request, 503, "The page is not set up yet");
    return forAudience(publicJson(request, buildV2(db, ctx, endpoint)), who.audience);
  });
  return { GET, HEAD: GET, OPTIONS: preflight };
}
