import { forAudience, requestAudience } from "@/services/viewers/request";
import { PRIVATE_PAGE_ERROR } from "@/services/viewers/policy";
import { getDb } from "@/db";
import { findLiveComponent } from "@/db/queries/public-api";
import { jsonError, preflight, publicResponse } from "@/services/api/http";
import { apiContext } from "@/services/api/v2";
import { isId } from "@/core/ids";
import { atomFeed, loadFeedBundles, rssFeed } from "./history";
import { publicLocaleFrom } from "@/services/i18n/locale-headers";

/** Handlers for /history.atom and /history.rss, optionally narrowed with ?component=<id>. */
export function feedHandlers(format: "atom" | "rss") {
  const GET = (request: Request) => {
    const db = getDb();
    const who = requestAudience(request);
    if (who.access === "refused") return jsonError(request, 401, PRIVATE_PAGE_ERROR);
    const ctx = apiContext(db, undefined, who.audience);
    if (!ctx) return jsonError(request, 503, "The page is not set up yet");
    const componentId = new URL(request.url).searchParams.get("component");
    // The language proxy.ts read from the URL (/de/history.atom); its own headers, never the visitor's.
    const lang = publicLocaleFrom((name) => request.headers.get(name));
    let input;
    if (componentId !== null) {
      const component = isId(componentId) ? findLiveComponent(db, ctx.page.id, componentId, ctx.audience) : undefined;
      if (!component) return jsonError(request, 404, "No such component");
      input = {
        ctx,
        bundles: loadFeedBundles(db, ctx, component.id),
        componentName: component.name,
        componentId: component.id,
        lang,
      };
    } else {
      input = { ctx, bundles: loadFeedBundles(db, ctx), lang };
    }
    return forAudience(
      format === "atom"
        ? publicResponse(request, atomFeed(input), "application/atom+xml; charset=utf-8")
        : publicResponse(request, rssFeed(input), "application/rss+xml; charset=utf-8"),
      who.audience,
    );
  };
  return { GET, HEAD: GET, OPTIONS: preflight };
}
