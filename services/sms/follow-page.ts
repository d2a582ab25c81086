// The plain pages of following an incident by SMS (app/incidents/[id]/follow/sms/route.ts): the number form
// again with its error, and the answers that are not the code form (which is the SMS sign-up's own).
import type { Locale } from "@/core/i18n/locales";
import { translator } from "@/core/i18n/translate";
import { escapeHtml, htmlResponse, plainPage } from "@/services/subscriptions/plain-page";
import { href, type SmsPageFrame } from "./sms-pages";

const css = `<style>label{display:block;font-weight:500;margin-top:1rem}input[type=tel]{display:block;width:100%;box-sizing:border-box;margin-top:.25rem;padding:.5rem .75rem;border:1px solid #cbd5e1;border-radius:.375rem;font:inherit;background:transparent;color:inherit}.error{color:#b91c1c}@media (prefers-color-scheme:dark){.error{color:#f87171}}</style>`;

export interface SmsFollowFrame extends SmsPageFrame {
  incidentId: string;
  postmortemOnly: boolean;
  locale: Locale;
}

export function smsFollowFormPage(
  frame: SmsFollowFrame,
  kept: { phone: string; postmortem: boolean },
  error: string | null,
  status = 400,
): Response {
  const t = translator(frame.locale, "sms-follow");
  const describedBy = error ? "phone-hint phone-error" : "phone-hint";
  const postmortem = frame.postmortemOnly
    ? `<input type="hidden" name="postmortem" value="1">`
    : `<label><input type="checkbox" name="postmortem" value="1"${kept.postmortem ? " checked" : ""}> ${escapeHtml(t("postmortem"))}</label>`;
  const intro = frame.postmortemOnly ? t("introPostmortem") : t("intro");
  const body = `${css}${error ? `<p role="alert" class="error">${escapeHtml(t("fixBelow"))}</p>` : `<p>${escapeHtml(intro)}</p>`}
<form method="post" action="${href(frame, `/incidents/${frame.incidentId}/follow/sms`)}" novalidate>
<input type="hidden" name="language" value="${frame.locale}">
<label for="phone">${escapeHtml(t("phoneLabel"))}</label>
<p id="phone-hint">${escapeHtml(t("phoneHint"))}</p>
<input id="phone" name="phone" type="tel" dir="ltr" autocomplete="tel" required maxlength="40" value="${escapeHtml(kept.phone)}" aria-describedby="${describedBy}"${error ? ' aria-invalid="true" autofocus' : ""}>
${error ? `<p id="phone-error" class="error">${escapeHtml(error)}</p>` : ""}
${postmortem}
<button type="submit">${escapeHtml(t("submit"))}</button></form>
<p><a href="${href(frame, `/incidents/${frame.incidentId}`)}">${escapeHtml(t("backToIncident"))}</a></p>`;
  const title = frame.postmortemOnly ? t("titlePostmortem") : t("title");
  return htmlResponse(plainPage({ ...frame, title, body }), status);
}

export function smsFollowAnswerPage(frame: SmsFollowFrame, which: "tooMany" | "over", status: number): Response {
  const t = translator(frame.locale, "sms-follow");
  const title = which === "tooMany" ? t("tooManyTitle") : t("overTitle");
  const body = `<p>${escapeHtml(t(which))}</p><p><a href="${href(frame, `/incidents/${frame.incidentId}`)}">${escapeHtml(t("backToIncident"))}</a></p>`;
  return htmlResponse(plainPage({ ...frame, title, body }), status);
}
