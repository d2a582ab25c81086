import { getDb } from "@/db";
import { getPageRow } from "@/db/queries/subscribers";
import { isCrossSiteForm } from "@/services/auth/request";
import { BodyError, bodyErrorResponse, readBodyForm } from "@/services/request-body";
import { codeFormPage, smsAnswerPage, smsFrame } from "@/services/sms/sms-pages";
import { verifySmsCode } from "@/services/sms/subscribe";

export const dynamic = "force-dynamic";

const MAX_BODY = 4 * 1024;

// The code typed back. The code itself authenticates (six digits, 5 tries, 10 minutes); cross-site posts are
// refused.
export async function POST(req: Request) {
  const db = getDb();
  const page = getPageRow(db);
  const frame = smsFrame(page, req);
  if (isCrossSiteForm(req.headers)) return smsAnswerPage(frame, "refused", 403);
  let form: FormData;
  try {
    form = await readBodyForm(req, MAX_BODY);
  } catch (err) {
    if (err instanceof BodyError) return bodyErrorResponse(err);
    throw err;
  }
  const subscriberId = String(form.get("subscriberId") ?? "").slice(0, 20);
  const result = verifySmsCode(db, subscriberId, String(form.get("code") ?? "").slice(0, 20));
  if (result === "verified") return smsAnswerPage(frame, "confirmed", 200);
  if (result === "wrong") return codeFormPage(frame, subscriberId, true, 400);
  if (result === "too-many") return smsAnswerPage(frame, "tooManyTries", 429);
  return smsAnswerPage(frame, "expired", 410);
}
