import { postedLanguage } from "@/services/subscriptions/language";
import { getDb } from "@/db";
import { getPublicIncident } from "@/db/queries/public-incidents";
import { getPageRow } from "@/db/queries/subscribers";
import { isDatabaseUnavailable } from "@/db/unavailable";
import { problemText, signupProblem } from "@/core/signup-problems";
import { translator } from "@/core/i18n/translate";
import { getConfig } from "@/core/config";
import { followIsOver } from "@/core/incident-follow";
import { isId } from "@/core/ids";
import { clientAddress, isCrossSiteForm } from "@/services/auth/request";
import { BodyError, bodyErrorResponse, readBodyForm } from "@/services/request-body";
import { requestSmsFollow } from "@/services/sms/follow";
import { smsFollowAnswerPage, smsFollowFormPage, type SmsFollowFrame } from "@/services/sms/follow-page";
import { codeFormPage, smsAnswerPage, smsFrame } from "@/services/sms/sms-pages";
import { escapeHtml, htmlResponse, plainPage } from "@/services/subscriptions/plain-page";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

/** A number, a checkbox and the honeypot. */
const MAX_BODY = 4 * 1024;

function frameFor(id: string, req: Request): SmsFollowFrame | null {
  const db = getDb();
  const page = getPageRow(db);
  const item = isId(id) ? getPublicIncident(db, id) : undefined;
  if (!page || !item || followIsOver(item.incident, true, Date.now())) return null;
  return {
    // The URL's language (/de/incidents/<id>/follow/sms): the words, the links and the follower's texts.
    ...smsFrame(page, req),
    incidentId: item.incident.id,
    postmortemOnly: followIsOver(item.incident, false, Date.now()),
  };
}

function notFound(req: Request) {
  const { locale, defaultLocale } = smsFrame(undefined, req);
  const t = translator(locale, "follow");
  return htmlResponse(
    plainPage({ title: t("notFoundTitle"), body: `<p>${escapeHtml(t("notFound"))}</p>`, locale, defaultLocale }),
    404,
  );
}

export async function GET(req: Request, { params }: Params) {
  const frame = getConfig().twilio ? frameFor((await params).id, req) : null;
  return frame ? smsFollowFormPage(frame, { phone: "", postmortem: false }, null, 200) : notFound(req);
}

// The incident page's plain "by SMS" form posts here (no JavaScript needed). Anonymous by design: the code by
// SMS, the per-number and per-address limits and the honeypot guard it; cross-site posts are refused.
export async function POST(req: Request, { params }: Params) {
  const frame = getConfig().twilio ? frameFor((await params).id, req) : null;
  if (!frame) return notFound(req);
  if (isCrossSiteForm(req.headers)) return smsAnswerPage(frame, "refused", 403);
  let form: FormData;
  try {
    form = await readBodyForm(req, MAX_BODY);
  } catch (err) {
    if (err instanceof BodyError) return bodyErrorResponse(err);
    throw err;
  }
  const kept = {
    phone: String(form.get("phone") ?? "").slice(0, 100),
    postmortem: frame.postmortemOnly || form.get("postmortem") === "1",
  };
  try {
    const result = requestSmsFollow(
      getDb(),
      frame.incidentId,
      { ...kept, website: String(form.get("website") ?? "").slice(0, 1001), language: postedLanguage(form) },
      clientAddress(req.headers) ?? "unknown",
    );
    if (result.status === "code-sent") return codeFormPage(frame, result.subscriberId, false);
    if (result.status === "too-many") return smsFollowAnswerPage(frame, "tooMany", 429);
    if (result.status === "over") return smsFollowAnswerPage(frame, "over", 410);
    if (result.status === "not-found") return notFound(req);
    const problem = result.problems.phone?.[0] ?? signupProblem("phoneInternational");
    return smsFollowFormPage(frame, kept, problemText(problem, frame.locale));
  } catch (err) {
    if (!isDatabaseUnavailable(err)) throw err;
    return smsFollowFormPage(frame, kept, problemText(signupProblem("unavailable"), frame.locale), 503);
  }
}
