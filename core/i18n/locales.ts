// The languages the public side speaks, and the facts about each that layout and URLs need. One list: the
// language menu, the URL prefixes, hreflang alternates, the subscriber's language and the completeness test
// (core/i18n/messages.test.ts) all read it. Adding a language = one row here + one JSON file per namespace.

export const LOCALES = ["en", "de", "fr", "es", "nl", "pt-BR", "ja", "ar"] as const;
export type Locale = (typeof LOCALES)[number];

/** The language of the page until the admin picks another in page settings. */
export const DEFAULT_LOCALE: Locale = "en";

/** Each language's name in itself: a menu entry must be readable by the people who need it. */
export const LOCALE_NAMES: Record<Locale, string> = {
  en: "English",
  de: "Deutsch",
  fr: "Français",
  es: "Español",
  nl: "Nederlands",
  "pt-BR": "Português (Brasil)",
  ja: "日本語",
  ar: "العربية",
};

const RIGHT_TO_LEFT: ReadonlySet<Locale> = new Set<Locale>(["ar"]);

/** Exact match only (`pt-BR`, not `pt-br` or `pt`): each language has one URL, so a near miss is a 404. */
export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** The `dir` attribute of `<html>` for a language. */
export function localeDir(locale: Locale): "ltr" | "rtl" {
  return RIGHT_TO_LEFT.has(locale) ? "rtl" : "ltr";
}
