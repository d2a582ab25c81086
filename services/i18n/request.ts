// The language of the public request being rendered, as proxy.ts decided it from the URL (services/i18n/
// locale-headers.ts). Pages call this once and pass the result down; components take it as props.
import { headers } from "next/headers";
import { DEFAULT_LOCALE, isLocale } from "@/core/i18n/locales";
import { localizePath, NOT_FOUND_PATH, type PageLanguage } from "@/core/i18n/paths";
import { DEFAULT_LOCALE_HEADER, LOCALE_HEADER, PATH_HEADER } from "./locale-headers";

export interface PublicLocale extends PageLanguage {
  /** A path of the app in this request's language: `href("/history")` is `/de/history` on a German page. */
  href: (path: string) => string;
}

export function publicLocaleFrom(get: (name: string) => string | null): PublicLocale {
  const raw = get(LOCALE_HEADER);
  const rawDefault = get(DEFAULT_LOCALE_HEADER);
  const locale = isLocale(raw) ? raw : DEFAULT_LOCALE;
  const defaultLocale = isLocale(rawDefault) ? rawDefault : DEFAULT_LOCALE;
  const path = get(PATH_HEADER) ?? NOT_FOUND_PATH;
  return { locale, defaultLocale, path, href: (to) => localizePath(to, locale, defaultLocale) };
}

/** Outside a public route (the console, or no proxy run) this is English with unprefixed links. */
export async function publicLocale(): Promise<PublicLocale> {
  const h = await headers();
  return publicLocaleFrom((name) => h.get(name));
}
