// The plain pages of the SMS manage flow (app/manage/sms/): the number form, the code form, the settings
// and the answers. Plain HTML posting to route handlers: they work without JavaScript.
import type { Locale } from "@/core/i18n/locales";
import { translator } from "@/core/i18n/translate";
import { escapeHtml, htmlResponse, plainPage } from "@/services/subscriptions/plain-page";
import { href, type SmsPageFrame } from "./sms-pages";
import type { smsManageView } from "./manage";

const css = `<style>label{display:block;font-weight:500;margin-top:1rem}fieldset{border:0;padding:0;margin:1rem 0 0}legend{font-weight:600}fieldset label{font-weight:400;margin-top:.25rem}input[type=tel],input[inputmode=numeric]{display:block;width:100%;box-sizing:border-box;margin-top:.25rem;padding:.5rem .75rem;border:1px solid #cbd5e1;border-radius:.375rem;font:inherit;background:transparent;color:inherit}.error{color:#b91c1c}@media (prefers-color-scheme:dark){.error{color:#f87171}}h2{font-size:1.125rem;margin:2rem 0 .25rem}</style>`;

export interface ManageFrame extends SmsPageFrame {
  locale: Locale;
}

const tr = (frame: ManageFrame) => translator(frame.locale, "sms-manage");
const hidden = (name: string, value: string) =>
  `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`;
const page = (frame: ManageFrame, title: string, body: string, status: number) =>
  htmlResponse(plainPage({ ...frame, title, body: css + body }), status);

export function numberFormPage(frame: ManageFrame, kept = "", error: string | null = null, status = 200) {
  const t = tr(frame);
  const describedBy = error ? "phone-hint phone-error" : "phone-hint";
  const body = `${error ? `<p role="alert" class="error">${escapeHtml(t("fixBelow"))}</p>` : `<p>${escapeHtml(t("numberIntro"))}</p>`}
<form method="post" action="${href(frame, "/manage/sms")}" novalidate>
<label for="phone">${escapeHtml(t("phoneLabel"))}</label>
<p id="phone-hint">${escapeHtml(t("phoneHint"))}</p>
<input id="phone" name="phone" type="tel" dir="ltr" autocomplete="tel" required maxlength="40" value="${escapeHtml(kept)}" aria-describedby="${describedBy}"${error ? ' aria-invalid="true" autofocus' : ""}>
${error ? `<p id="phone-error" class="error">${escapeHtml(error)}</p>` : ""}
<button type="submit">${escapeHtml(t("sendCode"))}</button></form>`;
  return page(frame, t("numberTitle"), body, status);
}

export function manageCodePage(frame: ManageFrame, ref: string, wrong: boolean) {
  const t = tr(frame);
  const intro = wrong
    ? `<p role="alert" class="error">${escapeHtml(t("wrongCode"))}</p>`
    : `<p role="status">${escapeHtml(t("codeIntro"))}</p>`;
  const body = `${intro}<form method="post" action="${href(frame, "/manage/sms/verify")}" novalidate>${hidden("ref", ref)}
<label for="code">${escapeHtml(t("codeLabel"))}</label>
<input id="code" name="code" inputmode="numeric" dir="ltr" autocomplete="one-time-code" required maxlength="10"${wrong ? ' aria-invalid="true" autofocus' : ""}>
<button type="submit">${escapeHtml(t("confirm"))}</button></form><p><a href="${href(frame, "/manage/sms")}">${escapeHtml(t("startAgain"))}</a></p>`;
  return page(frame, t("codeTitle"), body, wrong ? 400 : 200);
}

export function manageAnswerPage(frame: ManageFrame, which: "tooMany" | "expired" | "unsubscribed", status: number) {
  const t = tr(frame);
  const title =
    which === "tooMany" ? t("tooManyTitle") : which === "expired" ? t("expiredTitle") : t("unsubscribedTitle");
  const again =
    which === "unsubscribed" ? "" : `<p><a href="${href(frame, "/manage/sms")}">${escapeHtml(t("startAgain"))}</a></p>`;
  return page(frame, title, `<p>${escapeHtml(t(which))}</p>${again}`, status);
}

export function settingsPage(
  frame: ManageFrame,
  token: string,
  view: ReturnType<typeof smsManageView> & { followName: string | null },
  notice: "saved" | "chooseOne" | null,
  status = 200,
) {
  const t = tr(frame);
  const action = href(frame, `/manage/sms/${token}`);
  const check = (on: boolean) => (on ? " checked" : "");
  const services = view.choices
    .flatMap((g) => g.components)
    .map(
      (c) =>
        `<label><input type="checkbox" name="componentIds" value="${escapeHtml(c.id)}"${check(!view.allComponents && view.componentIds.has(c.id))}> ${escapeHtml(c.name)}</label>`,
    )
    .join("");
  const scope =
    view.follows !== null
      ? `<p>${escapeHtml(t("followsOne", { incident: view.followName ?? "" }))}</p>`
      : `<fieldset><legend>${escapeHtml(t("scopeLegend"))}</legend>
<label><input type="radio" name="scope" value="all"${check(view.allComponents)}> ${escapeHtml(t("scopeAll"))}</label>
<label><input type="radio" name="scope" value="some"${check(!view.allComponents)}> ${escapeHtml(t("scopeSome"))}</label>
${services}</fieldset>`;
  const message =
    notice === "saved"
      ? `<p role="status">${escapeHtml(t("saved"))}</p>`
      : notice === "chooseOne"
        ? `<p role="alert" class="error">${escapeHtml(t("chooseOne"))}</p>`
        : "";
  const body = `${message}<form method="post" action="${action}" novalidate>${hidden("action", "save")}${scope}
${view.follows !== null ? hidden("scope", "all") : ""}<label><input type="checkbox" name="allImpacts" value="1"${check(view.allImpacts)}> ${escapeHtml(t("impactsLabel"))}</label>
<button type="submit">${escapeHtml(t("save"))}</button></form>
<h2>${escapeHtml(t("unsubscribeTitle"))}</h2><p>${escapeHtml(t("unsubscribeIntro"))}</p>
<form method="post" action="${action}">${hidden("action", "unsubscribe")}<button type="submit">${escapeHtml(t("unsubscribe"))}</button></form>`;
  return page(frame, t("settingsTitle"), body, status);
}
