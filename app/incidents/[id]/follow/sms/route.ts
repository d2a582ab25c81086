import { postedLanguage } from "@/services/subscriptions/language";
import { getDb } from "@/db";
import { getPublicIncident } from "@/db/queries/public-incidents";
import { getPageRow } from "@/db/queries/subscribers";
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from "@/db/unavailable";
import { getConfig } from "@/core/config";
import { DEFAULT_LOCALE } from "@/core/i18n/locales";
import { followIsOver } from "@/core/incident-follow";
import { isId } from "@/core/ids";
import { clientAddress, isCrossSiteForm } from "@/services/auth/request";
import { BodyError, bodyErrorResponse, readBodyForm } from "@/services/request-body";
import { requestSmsFollow } from "@/services/sms/follow";
import { smsFollowAnswerPage, smsFollowFormPage, type SmsFollowFrame } from "@/services/sms/follow-page";
import { codeFormPage } from "@/services/sms/sms-pages";
import { htmlResponse, plainPage } from "@/services/subscriptions/plain-page";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

/** A number, a checkbox and the honeypot. */
const MAX_BODY = 4 * 1024;

function frameFor(id: string): SmsFollowFrame | null {
  const db = getDb();
  const page = getPageRow(db);
  const item = isId(id) ? getPublicIncident(db, id) : undefined;
  if (!page || !item || followIsOver(item.incident, true, Date.now())) return null;
  return {
    pageName: page.name,
    accent: page.accentColor,
    incidentId: item.incident.id,
    postmortemOnly: followIsOver(item.incident, false, Date.now()),
    locale: DEFAULT_LOCALE,
  };
}

const notFound = () =>
  htmlResponse(
    plainPage({ title: "There is nothing to follow here", body: "<p>This incident does not exist or is over.</p>" }),
    404,
  );

export async function GET(_req: Request, { params }: Params) {
  const frame = getConfig().twilio ? frameFor((await params).id) : null;
  return frame ? smsFollowFormPage(frame, { phone: "", postmortem: false }, null, 200) : notFound();
}

// The incident page's plain "by SMS" form posts here (no JavaScript needed). Anonymous by design: the code by
// SMS, the per-number and per-address limits and the honeypot guard it; cross-site posts are refused.
export async function POST(req: Request, { params }: Params) {
  const frame = getConfig().twilio ? frameFor((await params).id) : null;
  if (!frame) return notFound();
  if (isCrossSiteForm(req.headers))
    return htmlResponse(plainPage({ title: "Refused", body: "<p>Cross-site form.</p>" }), 403);
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
    if (result.status === "not-found") return notFound();
    return smsFollowFormPage(frame, kept, result.errors.phone?.[0] ?? "Enter a valid number.");
  } catch (err) {
    if (!isDatabaseUnavailable(err)) throw err;
    return smsFollowFormPage(frame, kept, DATABASE_UNAVAILABLE_MESSAGE, 503);
  }
}
