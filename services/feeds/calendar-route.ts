import { forAudience, requestAudience } from "@/services/viewers/request";
import { PRIVATE_PAGE_ERROR } from "@/services/viewers/policy";
import { getDb } from "@/db";
import { loadIncidentBundles } from "@/db/queries/public-api";
import { jsonError, preflight, publicResponse } from "@/services/api/http";
import { apiContext } from "@/services/api/v2";
import { DAY } from "@/core/time";
import { maintenanceCalendar } from "./ical";
import { publicLocaleFrom } from "@/services/i18n/locale-headers";

const ICS = "text/calendar; charset=utf-8";
/** Recent windows stay in the calendar for a while, so a cancellation or completion reaches subscribers. */
const KEEP_PAST = 30 * DAY;

/** /maintenances.ics: every upcoming maintenance and those of the last 30 days. */
export function calendarHandlers() {
  const GET = (request: Request) => {
    const db = getDb();
    const who = requestAudience(request);
    if (who.access === "refused") return jsonError(request, 401, PRIVATE_PAGE_ERROR);
    const ctx = apiContext(db, undefined, who.audience);
    if (!ctx) return jsonError(request, 503, "The page is not set up yet");
    const since = Date.now() - KEEP_PAST;
    const bundles = loadIncidentBundles(db, ctx.page.id, {
      kind: "maintenance",
      scheduledOrEndingSince: since,
      order: "scheduled_asc",
      limit: 500,
      audience: ctx.audience,
    });
    const lang = publicLocaleFrom((name) => request.headers.get(name));
    return forAudience(publicResponse(request, maintenanceCalendar(ctx, bundles, lang), ICS), who.audience);
  };
  return { GET, HEAD: GET, OPTIONS: preflight };
}

/** /maintenances/<id>.ics: one maintenance, for an "add to calendar" link. */
export function singleCalendarHandlers() {
  const GET = (request: Request, { params }: { params: Promise<{ file: string }> }) =>
    params.then(({ file }) => {
      const id = /^([0-9a-z]{12})\.ics$/.exec(file)?.[1];
      const db = getDb();
      const who = requestAudience(request);
      if (who.access === "refused") return jsonError(request, 401, PRIVATE_PAGE_ERROR);
      const ctx = apiContext(db, undefined, who.audience);
      if (!ctx) return jsonError(request, 503, "The page is not set up yet");
      const bundles = id
        ? loadIncidentBundles(db, ctx.page.id, {
            ids: [id],
            kind: "maintenance",
            order: "scheduled_asc",
            limit: 1,
            audience: ctx.audience,
          })
        : [];
      if (bundles.length === 0) return jsonError(request, 404, "No such maintenance");
      const lang = publicLocaleFrom((name) => request.headers.get(name));
      const response = publicResponse(request, maintenanceCalendar(ctx, bundles, lang), ICS);
      response.headers.set("Content-Disposition", `attachment; filename="maintenance-${id}.ics"`);
      return forAudience(response, who.audience);
    });
  return { GET, HEAD: GET, OPTIONS: preflight };
}
