// Translating and formatting for one language, anywhere: a server component, an email template, a chat message
// built in a job. It is use-intl's core (the framework-free part of next-intl): ICU messages, so plurals,
// selects, dates and numbers come from the message and `Intl`, never from concatenating strings.
//
// Admin-written text (incident names, updates) is never passed through here: it is shown as written.
import { createFormatter, createTranslator } from "use-intl/core";
import { CATALOG, type Namespace } from "./catalog";
import { DEFAULT_LOCALE, type Locale } from "./locales";

/** A translator for one namespace, e.g. `const t = translator("de", "common"); t("languageMenu")`. */
export function translator<N extends Namespace>(locale: Locale, namespace: N, timeZone = "UTC") {
  const messages: (typeof CATALOG)[N]["en"] = CATALOG[namespace][locale];
  return createTranslator({
    locale,
    messages,
    timeZone,
    // A message that is missing or malformed must never reach a visitor as its key: fall back to English
    // (the completeness test keeps this from happening at all; this is the belt to its braces).
    getMessageFallback: ({ key }) => fallback(namespace, key),
    onError: () => {},
  });
}

function fallback(namespace: Namespace, key: string): string {
  const english = CATALOG[namespace][DEFAULT_LOCALE] as Record<string, unknown>;
  const value = key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], english);
  return typeof value === "string" ? value : "";
}

/** Dates, numbers and relative times in one language and the page's time zone. */
export function formatter(locale: Locale, timeZone: string) {
  return createFormatter({ locale, timeZone });
}
