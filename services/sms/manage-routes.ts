// The handlers behind app/manage/sms/: thin, so the three route files only export them. Anonymous by design:
// the code by SMS, the sign-up's limits per number and address, and the signed, expiring link guard them;
// cross-site posts are refused.
import { getDb } from "@/db";
import { followedIncident, getPageRow } from "@/db/queries/subscribers";
import { isDatabaseUnavailable } from "@/db/unavailable";
import { getConfig } from "@/core/config";
import { localizePath } from "@/core/i18n/paths";
import { problemText, signupProblem } from "@/core/signup-problems";
import { clientAddress, isCrossSiteForm } from "@/services/auth/request";
import { BodyError, bodyErrorResponse, readBodyForm } from "@/services/request-body";
import { smsAnswerPage, smsFrame } from "./sms-pages";
import {
  changeSmsSubscription,
  openSmsManageLink,
  requestSmsManageCode,
  smsManageView,
  verifySmsManageCode,
} from "./manage";
import { manageAnswerPage, manageCodePage, numberFormPage, settingsPage, type ManageFrame } from "./manage-pages";

/** A number, a code, or up to 500 service ids. */
const MAX_BODY = 32 * 1024;

/** The page's frame in the URL's language (/de/manage/sms...), or null when this page sends no SMS. */
function frame(req: Request): ManageFrame | null {
  const page = getPageRow(getDb());
  if (!page || !getConfig().twilio) return null;
  return smsFrame(page, req);
}
const unavailable = (req: Request) => smsAnswerPage(smsFrame(getPageRow(getDb()), req), "unavailable", 404);

async function form(req: Request, f: ManageFrame): Promise<FormData | Response> {
  if (isCrossSiteForm(req.headers)) return smsAnswerPage(f, "refused", 403);
  try {
    return await readBodyForm(req, MAX_BODY);
  } catch (err) {
    if (err instanceof BodyError) return bodyErrorResponse(err);
    throw err;
  }
}

export function numberGet(req: Request) {
  const f = frame(req);
  return f ? numberFormPage(f) : unavailable(req);
}

export async function numberPost(req: Request) {
  const f = frame(req);
  if (!f) return unavailable(req);
  const data = await form(req, f);
  if (data instanceof Response) return data;
  const phone = String(data.get("phone") ?? "").slice(0, 100);
  try {
    const r = requestSmsManageCode(getDb(), phone, clientAddress(req.headers) ?? "unknown");
    if (r.status === "code-sent") return manageCodePage(f, r.ref, false);
    if (r.status === "too-many") return manageAnswerPage(f, "tooMany", 429);
    return numberFormPage(f, phone, problemText(r.problem, f.locale), 400);
  } catch (err) {
    if (!isDatabaseUnavailable(err)) throw err;
    return numberFormPage(f, phone, problemText(signupProblem("unavailable"), f.locale), 503);
  }
}

export async function verifyPost(req: Request) {
  const f = frame(req);
  if (!f) return unavailable(req);
  const data = await form(req, f);
  if (data instanceof Response) return data;
  const ref = String(data.get("ref") ?? "").slice(0, 20);
  const r = verifySmsManageCode(getDb(), ref, String(data.get("code") ?? "").slice(0, 20));
  if (r.status === "too-many") return manageAnswerPage(f, "tooMany", 429);
  if (r.status === "wrong") return manageCodePage(f, ref, true);
  // See Other: the settings page is a GET, so a reload does not post the code again.
  // In the language the code was typed in.
  const location = localizePath(`/manage/sms/${r.token}`, f.locale, f.defaultLocale ?? f.locale);
  return new Response(null, { status: 303, headers: { Location: location } });
}

type TokenContext = { params: Promise<{ token: string }> };

function settings(f: ManageFrame, token: string, notice: "saved" | "chooseOne" | null, status = 200) {
  const db = getDb();
  const link = openSmsManageLink(db, token);
  if (link.status !== "ok") return manageAnswerPage(f, "expired", link.status === "expired" ? 410 : 404);
  const view = smsManageView(db, link.subscriber);
  const followName = view.follows ? (followedIncident(db, view.follows)?.name ?? null) : null;
  return settingsPage(f, token, { ...view, followName }, notice, status);
}

export async function settingsGet(req: Request, { params }: TokenContext) {
  const f = frame(req);
  return f ? settings(f, (await params).token, null) : unavailable(req);
}

export async function settingsPost(req: Request, { params }: TokenContext) {
  const f = frame(req);
  if (!f) return unavailable(req);
  const token = (await params).token;
  const data = await form(req, f);
  if (data instanceof Response) return data;
  const db = getDb();
  const link = openSmsManageLink(db, token);
  if (link.status !== "ok") return manageAnswerPage(f, "expired", link.status === "expired" ? 410 : 404);
  const outcome = changeSmsSubscription(
    db,
    link.subscriber.id,
    data.get("action") === "unsubscribe"
      ? { action: "unsubscribe" }
      : {
          action: "save",
          scope: data.get("scope") === "some" ? "some" : "all",
          componentIds: data.getAll("componentIds").map(String).slice(0, 501),
          allImpacts: data.get("allImpacts") === "1",
        },
  );
  if (outcome === "unsubscribed") return manageAnswerPage(f, "unsubscribed", 200);
  if (outcome === "gone") return manageAnswerPage(f, "expired", 410);
  return settings(f, token, outcome === "saved" ? "saved" : "chooseOne", outcome === "saved" ? 200 : 400);
}
