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
import { DESCRIPTION_KEY } from "@/core/i18n/status-words";
import { translator } from "@/core/i18n/translate";
import { publicLocaleFrom } from "@/services/i18n/locale-headers";

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
  // The words in the language of the URL (/de/badge.svg); English exactly as before.
  const { locale } = publicLocaleFrom((name) => request.headers.get(name));
  const t = translator(locale, "embed");
  const words = translator(locale, "page");
  if (componentId === null) {
    const status = getOverallStatus(db, ctx.page.id, ctx.audience);
    const description = locale === "en" ? status.description : words(`overall.${DESCRIPTION_KEY[status.description]}`);
    return forAudience(
      publicResponse(request, badgeSvg(t("badgeLabel"), description, indicatorBadgeColor(status.indicator)), SVG),
      who.audience,
    );
  }
  const component = isId(componentId) ? findLiveComponent(db, ctx.page.id, componentId, ctx.audience) : undefined;
  if (!component) return publicResponse(request, badgeSvg(t("badgeLabel"), t("unknownComponent"), "#9f9f9f"), SVG, 404);
  const label =
    locale === "en"
      ? COMPONENT_STATUS_LABELS[component.status].toLowerCase()
      : words(`componentStatus.${component.status}`);
  const answer = publicResponse(request, badgeSvg(component.name, label, componentBadgeColor(component.status)), SVG);
  return forAudience(answer, who.audience);
}

export const HEAD = GET;
export const OPTIONS = preflight;
