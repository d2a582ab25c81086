import { forAudience, requestAudience } from "@/services/viewers/request";
import { PRIVATE_PAGE_ERROR } from "@/services/viewers/policy";
import { getDb } from "@/db";
import { COMPONENT_STATUS_LABELS } from "@/db/constants";
import { findLiveComponent } from "@/db/queries/public-api";
import { getOverallStatus } from "@/db/queries/status-page";
import { jsonError, preflight, publicResponse } from "@/services/api/http";
import { apiContext } from "@/services/api/v2";
import { badgeSvg, componentBadgeColor, indicatorBadgeColor } from "@/services/badge";
import { isId } from "@/core/ids";

export const dynamic = "force-dynamic";

const SVG = "image/svg+xml; charset=utf-8";

// Public and read-only: the overall status, or one component's with ?component=<id>, as a badge.
export function GET(request: Request) {
  const db = getDb();
  const who = requestAudience(request);
  if (who.access === "refused") return jsonError(request, 401, PRIVATE_PAGE_ERROR);
  const ctx = apiContext(db, undefined, who.audience);
  if (!ctx) return jsonError(request, 503, "The page is not set up yet");
  const componentId = new URL(request.url).searchParams.get("component");
  if (componentId === null) {
    const status = getOverallStatus(db, ctx.page.id, ctx.audience);
    return forAudience(
      publicResponse(request, badgeSvg("status", status.description, indicatorBadgeColor(status.indicator)), SVG),
      who.audience,
    );
  }
  const component = isId(componentId) ? findLiveComponent(db, ctx.page.id, componentId, ctx.audience) : undefined;
  if (!component) return publicResponse(request, badgeSvg("status", "unknown component", "#9f9f9f"), SVG, 404);
  const answer = publicResponse(
    request,
    badgeSvg(
      component.name,
      COMPONENT_STATUS_LABELS[component.status].toLowerCase(),
      componentBadgeColor(component.status),
    ),
    SVG,
  );
  return forAudience(answer, who.audience);
}

export const HEAD = GET;
export const OPTIONS = preflight;
