// The HTML of the unsubscribe pages, served by the route handler itself (the List-Unsubscribe URL must
// answer a POST, and a page cannot share a path with a route handler). In the status page's look
// (services/subscriptions/plain-page.ts) and the subscriber's language.
import { DEFAULT_LOCALE, type Locale } from "@/core/i18n/locales";
import { translator } from "@/core/i18n/translate";
import { escapeHtml as escape, plainPage } from "./plain-page";

const words = (locale: Locale) => translator(locale, "manage");
// bdi: an address keeps its own direction inside a right-to-left sentence.
const strong = (chunks: string) => `<strong><bdi>${chunks}</bdi></strong>`;

export function confirmUnsubscribePage(
  pageName: string,
  accent: string,
  who: string,
  action: string,
  locale: Locale = DEFAULT_LOCALE,
): string {
  const t = words(locale);
  return plainPage({
    pageName,
    accent,
    locale,
    title: t("unsubscribePage.title", { page: pageName }),
    // Values are escaped before they go into the message; the message's own tags become HTML.
    body: `<p>${t.markup("unsubscribePage.body", { who: escape(who), strong })}</p>
<form method="post" action="${escape(action)}"><input type="hidden" name="source" value="page"><button type="submit">${escape(t("unsubscribePage.button"))}</button></form>`,
  });
}

export function unsubscribedPage(pageName: string, accent: string, locale: Locale = DEFAULT_LOCALE): string {
  const t = words(locale);
  return plainPage({
    pageName,
    accent,
    locale,
    title: t("unsubscribePage.doneTitle"),
    body: `<p>${escape(t("unsubscribePage.doneBody", { page: pageName }))}</p>`,
  });
}

export function invalidLinkPage(locale: Locale = DEFAULT_LOCALE): string {
  const t = words(locale);
  return plainPage({
    locale,
    title: t("unsubscribePage.invalidTitle"),
    body: `<p>${escape(t("unsubscribePage.invalidBody"))}</p>`,
  });
}
