import { getDb } from "@/db";
import { guardJson, jsonError, preflight, publicJson } from "./http";
import { apiContext, buildV2, type V2Endpoint } from "./v2";

/** GET, HEAD and OPTIONS handlers for one public, unauthenticated v2 endpoint. */
export function v2Handlers(endpoint: V2Endpoint) {
  const GET = guardJson((request: Request) => {
    const db = getDb();
    const ctx = apiContext(db);
    if (!ctx) return jsonError(request, 503, "The page is not set up yet");
    return publicJson(request, buildV2(db, ctx, endpoint));
  });
  return { GET, HEAD: GET, OPTIONS: preflight };
}
