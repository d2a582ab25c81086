import { getDb } from "@/db";
import { getPublicIncident } from "@/db/queries/public-incidents";
import { getPageRow } from "@/db/queries/subscribers";
import { isDatabaseUnavailable } from "@/db/unavailable";
import { inLanguage, problemText, signupProblem } from "@/core/signup-problems";
import type { Audience } from "@/db/constants";
import { followIsOver } from "@/core/incident-follow";
import { isId } from "@/core/ids";
import { clientAddress, isCrossSiteForm } from "@/services/auth/request";
import { BodyError, bodyErrorResponse, readBodyForm } from "@/services/request-body";
import { requestFollow } from "@/services/subscriptions/follow";
import { forAudience, requestAudience } from "@/services/viewers/request";
import {
  followAnswer,
  followFormPage,
  followRefusal,
  type FollowPageContext,
} from "@/services/subscriptions/follow-page";
import { publicLocaleFrom } from "@/services/i18n/locale-headers";
import { postedLanguage } from "@/services/subscriptions/language";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

/** An email, a checkbox and the honeypot: a few hundred bytes. */
const MAX_BODY = 4 * 1024;

// The incident page is cached and has no scripts, so its form is plain HTML posting here (a route handler, not
// a Server Action, which would need Next's client scripts). Anonymous by design: the per-IP and per-address
// limits and the confirmation email guard it; cross-site posts are refused.
function contextFor(id: string, audience: Audience, req: Request): FollowPageContext | null {
  const db = getDb();
  const page = getPageRow(db);
  const item = isId(id) ? getPublicIncident(db, id, audience) : undefined;
  if (!page || !item || followIsOver(item.incident, true, Date.now())) return null;
  return {
    pageName: page.name,
    accent: page.accentColor,
    incident: { id: item.incident.id, name: item.incident.name },
    postmortemOnly: followIsOver(item.incident, false, Date.now()),
    lang: languageOf(req),
  };
}

/** The language of the URL asked (/de/incidents/.../follow), as the proxy decided it. */
const languageOf = (req: Request) => publicLocaleFrom((name) => req.headers.get(name));

// Who asks decides what may be followed: a viewer or an allowed network may follow an internal incident too,
// and becomes an internal follower.
export async function GET(req: Request, { params }: Params) {
  const { audience } = requestAudience(req);
  const ctx = contextFor((await params).id, audience, req);
  return ctx ? forAudience(followFormPage(ctx), audience) : followRefusal(languageOf(req), "not-found");
}

export async function POST(req: Request, { params }: Params) {
  const { audience } = requestAudience(req);
  const ctx = contextFor((await params).id, audience, req);
  if (!ctx) return followRefusal(languageOf(req), "not-found");
  if (isCrossSiteForm(req.headers)) return followRefusal(ctx.lang, "cross-site");
  let form: FormData;
  try {
    form = await readBodyForm(req, MAX_BODY);
  } catch (err) {
    if (err instanceof BodyError) return bodyErrorResponse(err);
    throw err;
  }
  const values = {
    email: String(form.get("email") ?? "").slice(0, 1000),
    postmortem: ctx.postmortemOnly || form.get("postmortem") === "1",
  };
  try {
    const result = requestFollow(
      getDb(),
      ctx.incident.id,
      { ...values, website: String(form.get("website") ?? "").slice(0, 1001), language: postedLanguage(form) },
      clientAddress(req.headers) ?? "unknown",
      Date.now(),
      audience,
    );
    return result.status === "not-found"
      ? followRefusal(ctx.lang, "not-found")
      : // The page answers in its URL's language, like everything else on it.
        forAudience(followAnswer(ctx, inLanguage(result, ctx.lang.locale), values), audience);
  } catch (err) {
    if (!isDatabaseUnavailable(err)) throw err;
    const message = problemText(signupProblem("unavailable"), ctx.lang.locale);
    return followAnswer(ctx, { status: "unavailable", message }, values);
  }
}
