// The plain pages of the SMS sign-up (app/subscribe/sms/route.ts and .../verify/route.ts): the phone form
// again with its error, the code form, and the answers. They keep what was chosen in hidden fields so a
// correction does not lose it.
import { DEFAULT_LOCALE, type Locale } from "@/core/i18n/locales";
import { localizePath, NOT_FOUND_PATH } from "@/core/i18n/paths";
import { translator } from "@/core/i18n/translate";
import { MINUTE } from "@/core/time";
import { escapeHtml, htmlResponse, plainPage } from "@/services/subscriptions/plain-page";
import { publicLocaleFrom } from "@/services/i18n/locale-headers";
import { CODE_TTL_MS } from "./subscribe";

export interface SmsPageFrame {
  /** Absent before the page exists: plainPage then says "status page" in the reader's language. */
  pageName?: string;
  accent: string;
  /** The language of the URL posted to (/de/subscribe/sms): the words, `lang`, and where the forms post. */
  locale: Locale;
  /** The page's default language, whose URLs have no prefix. */
  defaultLocale?: Locale;
  /** The request's path without its language prefix: the language menu and hreflang of the page. */
  path?: string;
}

/** The fixed answers: a title and a sentence each (namespace "sms-pages", answers.*). */
export type SmsAnswer = "unavailable" | "refused" | "tooManyCodes" | "confirmed" | "tooManyTries" | "expired";

/** The frame of a request: the page's name and colour, and the language its URL is in (set by the proxy). */
export function smsFrame(page: { name: string; accentColor: string } | undefined, req: Request): SmsPageFrame {
  const lang = publicLocaleFrom((name) => req.headers.get(name));
  return {
    pageName: page?.name,
    accent: page?.accentColor ?? "#1d4ed8",
    locale: lang.locale,
    defaultLocale: lang.defaultLocale,
    path: requestPath(lang.path),
  };
}

/** The path a language menu may link to: a page's own, or none (NOT_FOUND_PATH when the proxy set nothing). */
export const requestPath = (path: string) => (path === NOT_FOUND_PATH ? undefined : path.split("?")[0]);

const words = (frame: SmsPageFrame) => translator(frame.locale, "sms-pages");
export const href = (frame: SmsPageFrame, path: string) =>
  escapeHtml(localizePath(path, frame.locale, frame.defaultLocale ?? DEFAULT_LOCALE));
const minutes = Math.round(CODE_TTL_MS / MINUTE);

const css = `<style>label{display:block;font-weight:500;margin-top:1rem}input[type=tel],input[inputmode=numeric]{display:block;width:100%;box-sizing:border-box;margin-top:.25rem;padding:.5rem .75rem;border:1px solid #cbd5e1;border-radius:.375rem;font:inherit;background:transparent;color:inherit}.error{color:#b91c1c}@media (prefers-color-scheme:dark){.error{color:#f87171}}</style>`;

const hidden = (name: string, value: string) =>
  `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`;

export function phoneFormPage(
  frame: SmsPageFrame,
  kept: { phone: string; scope: string; componentIds: string[]; allImpacts: boolean },
  error: string,
  status = 400,
): Response {
  const t = words(frame);
  const body = `${css}<p role="alert" class="error">${escapeHtml(t("fixNumber"))}</p>
<form method="post" action="${href(frame, "/subscribe/sms")}" novalidate>
${hidden("language", frame.locale)}
<label for="phone">${escapeHtml(t("phoneLabel"))}</label>
<input id="phone" name="phone" type="tel" autocomplete="tel" required maxlength="40" value="${escapeHtml(kept.phone)}" aria-invalid="true" aria-describedby="phone-error" autofocus>
<p id="phone-error" class="error" aria-live="polite">${escapeHtml(error)}</p>
${hidden("scope", kept.scope)}${kept.componentIds.map((id) => hidden("componentIds", id)).join("")}${kept.allImpacts ? hidden("allImpacts", "1") : ""}
<button type="submit">${escapeHtml(t("sendCode"))}</button></form>`;
  return htmlResponse(plainPage({ ...frame, title: t("phoneTitle"), body }), status);
}

/** The code form; `wrong` when the code typed was not right. */
export function codeFormPage(frame: SmsPageFrame, subscriberId: string, wrong: boolean, status = 200): Response {
  const t = words(frame);
  const intro = wrong
    ? `<p role="alert" class="error">${escapeHtml(t("wrongCode"))}</p>`
    : `<p role="status">${escapeHtml(t("codeSent", { minutes }))}</p>`;
  const body = `${css}${intro}<form method="post" action="${href(frame, "/subscribe/sms/verify")}" novalidate>
${hidden("subscriberId", subscriberId)}
<label for="code">${escapeHtml(t("codeLabel"))}</label>
<input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required maxlength="10" aria-describedby="code-error"${wrong ? ' aria-invalid="true" autofocus' : ""}>
<p id="code-error" class="error" aria-live="polite"></p>
<button type="submit">${escapeHtml(t("confirm"))}</button></form><p><a href="${href(frame, "/subscribe?via=sms")}">${escapeHtml(t("newCode"))}</a></p>`;
  return htmlResponse(plainPage({ ...frame, title: t("codeTitle"), body }), status);
}

export function smsAnswerPage(frame: SmsPageFrame, answer: SmsAnswer, status: number): Response {
  const t = words(frame);
  return htmlResponse(
    plainPage({
      ...frame,
      title: t(`answers.${answer}.title`),
      body: `<p>${escapeHtml(t(`answers.${answer}.text`, { minutes }))}</p><p><a href="${href(frame, "/subscribe?via=sms")}">${escapeHtml(t("startAgain"))}</a></p>`,
    }),
    status,
  );
}
