import { getDb } from "@/db";
import { getPageRow } from "@/db/queries/subscribers";
import { isDatabaseUnavailable } from "@/db/unavailable";
import { problemText, signupProblem } from "@/core/signup-problems";
import { getConfig } from "@/core/config";
import { clientAddress, isCrossSiteForm } from "@/services/auth/request";
import { BodyError, bodyErrorResponse, readBodyForm } from "@/services/request-body";
import { translator } from "@/core/i18n/translate";
import { codeFormPage, phoneFormPage, smsAnswerPage, smsFrame } from "@/services/sms/sms-pages";
import { requestSmsSubscription } from "@/services/sms/subscribe";
import { postedLanguage } from "@/services/subscriptions/language";

export const dynamic = "force-dynamic";

/** A number, a scope, up to 500 service ids and two flags. */
const MAX_BODY = 32 * 1024;

// The SMS sign-up's plain form posts here (no JavaScript needed). Anonymous by design: the code by SMS, the
// limits per number and per client address, and the honeypot guard it; cross-site posts are refused.
export async function POST(req: Request) {
  const db = getDb();
  const page = getPageRow(db);
  const frame = smsFrame(page, req);
  if (!getConfig().twilio || !page) return smsAnswerPage(frame, "unavailable", 404);
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
    scope: form.get("scope") === "some" ? "some" : "all",
    componentIds: form.getAll("componentIds").map(String).slice(0, 501),
    allImpacts: form.get("allImpacts") === "1",
  };
  try {
    const result = requestSmsSubscription(
      db,
      {
        ...kept,
        scope: kept.scope as "all" | "some",
        website: String(form.get("website") ?? "").slice(0, 1001),
        language: postedLanguage(form),
      },
      clientAddress(req.headers) ?? "unknown",
    );
    if (result.status === "code-sent") return codeFormPage(frame, result.subscriberId, false);
    if (result.status === "too-many") return smsAnswerPage(frame, "tooManyCodes", 429);
    const problem = result.problems.phone?.[0] ?? result.problems.componentIds?.[0];
    const error = problem
      ? problemText(problem, frame.locale)
      : translator(frame.locale, "sms-pages")("invalidChoices");
    return phoneFormPage(frame, kept, error);
  } catch (err) {
    if (!isDatabaseUnavailable(err)) throw err;
    return phoneFormPage(frame, kept, problemText(signupProblem("unavailable"), frame.locale), 503);
  }
}
