// The handlers behind app/manage/sms/: thin, so the three route files only export them. Anonymous by design:
// the code by SMS, the sign-up's limits per number and address, and the signed, expiring link guard them;
// cross-site posts are refused.
import { getDb } from "@/db";
import { followedIncident, getPageRow } from "@/db/queries/subscribers";
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from "@/db/unavailable";
import { getConfig } from "@/core/config";
import { DEFAULT_LOCALE } from "@/core/i18n/locales";
import { clientAddress, isCrossSiteForm } from "@/services/auth/request";
import { BodyError, bodyErrorResponse, readBodyForm } from "@/services/request-body";
import { htmlResponse, plainPage } from "@/services/subscriptions/plain-page";
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

function frame(): ManageFrame | null {
  const page = getPageRow(getDb());
  if (!page || !getConfig().twilio) return null;
  return { pageName: page.name, accent: page.accentColor, locale: DEFAULT_LOCALE };
}
const unavailable = () =>
  htmlResponse(plainPage({ title: "SMS is not available", body: "<p>This page sends no SMS.</p>" }), 404);
const refused = () => htmlResponse(plainPage({ title: "Refused", body: "<p>A form from another site.</p>" }), 403);

async function form(req: Request): Promise<FormData | Response> {
  if (isCrossSiteForm(req.headers)) return refused();
  try {
    return await readBodyForm(req, MAX_BODY);
  } catch (err) {
    if (err instanceof BodyError) return bodyErrorResponse(err);
    throw err;
  }
}

export function numberGet() {
  const f = frame();
  return f ? numberFormPage(f) : unavailable();
}

export async function numberPost(req: Request) {
  const f = frame();
  if (!f) return unavailable();
  const data = await form(req);
  if (data instanceof Response) return data;
  const phone = String(data.get("phone") ?? "").slice(0, 100);
  try {
    const r = requestSmsManageCode(getDb(), phone, clientAddress(req.headers) ?? "unknown");
    if (r.status === "code-sent") return manageCodePage(f, r.ref, false);
    if (r.status === "too-many") return manageAnswerPage(f, "tooMany", 429);
    return numberFormPage(f, phone, r.error, 400);
  } catch (err) {
    if (!isDatabaseUnavailable(err)) throw err;
    return numberFormPage(f, phone, DATABASE_UNAVAILABLE_MESSAGE, 503);
  }
}

export async function verifyPost(req: Request) {
  const f = frame();
  if (!f) return unavailable();
  const data = await form(req);
  if (data instanceof Response) return data;
  const ref = String(data.get("ref") ?? "").slice(0, 20);
  const r = verifySmsManageCode(getDb(), ref, String(data.get("code") ?? "").slice(0, 20));
  if (r.status === "too-many") return manageAnswerPage(f, "tooMany", 429);
  if (r.status === "wrong") return manageCodePage(f, ref, true);
  // See Other: the settings page is a GET, so a reload does not post the code again.
  return new Response(null, { status: 303, headers: { Location: `/manage/sms/${r.token}` } });
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

export async function settingsGet(_req: Request, { params }: TokenContext) {
  const f = frame();
  return f ? settings(f, (await params).token, null) : unavailable();
}

export async function settingsPost(req: Request, { params }: TokenContext) {
  const f = frame();
  if (!f) return unavailable();
  const token = (await params).token;
  const data = await form(req);
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
