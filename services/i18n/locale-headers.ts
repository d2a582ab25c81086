// The request headers that tell a public page which language to render, set by services/i18n/node-routing.ts
// (server.ts, the render worker) only. A visitor can
// send headers of the same names: they are removed from every request first, so a page never renders in a
// language its URL does not name (which would put the wrong language under a cacheable URL).
import { DEFAULT_LOCALE, isLocale } from "@/core/i18n/locales";
import { localizePath, NOT_FOUND_PATH, type LocaleRoute, type PageLanguage } from "@/core/i18n/paths";

/** The language of this request (a Locale). */
export const LOCALE_HEADER = "x-status-locale";
/** The path without its language prefix (and with its query), for the language menu and hreflang. */
export const PATH_HEADER = "x-status-path";
/** The page's default language, so links can drop the prefix for it. */
export const DEFAULT_LOCALE_HEADER = "x-status-default-locale";

/** Every header of ours: deleted from each request before the URL's language is set. */
export const OUR_HEADERS = [LOCALE_HEADER, PATH_HEADER, DEFAULT_LOCALE_HEADER] as const;

/** A copy of the request's headers with ours replaced by what the route decided (or removed, for "none"). */
export function localeHeaders(incoming: Headers, route: LocaleRoute, search: string, defaultLocale: string): Headers {
  const headers = new Headers(incoming);
  for (const name of OUR_HEADERS) headers.delete(name);
  if (route.kind === "serve" || route.kind === "not-found") {
    headers.set(LOCALE_HEADER, route.locale);
    headers.set(DEFAULT_LOCALE_HEADER, defaultLocale);
    if (route.kind === "serve") headers.set(PATH_HEADER, `${route.path}${search}`);
  }
  return headers;
}

export interface PublicLocale extends PageLanguage {
  /** A path of the app in this request's language: `href("/history")` is `/de/history` on a German page. */
  href: (path: string) => string;
}

/** The language of a request from its headers (route handlers pass `request.headers.get`). */
export function publicLocaleFrom(get: (name: string) => string | null): PublicLocale {
  const raw = get(LOCALE_HEADER);
  const rawDefault = get(DEFAULT_LOCALE_HEADER);
  const locale = isLocale(raw) ? raw : DEFAULT_LOCALE;
  const defaultLocale = isLocale(rawDefault) ? rawDefault : DEFAULT_LOCALE;
  const path = get(PATH_HEADER) ?? NOT_FOUND_PATH;
  return { locale, defaultLocale, path, href: (to) => localizePath(to, locale, defaultLocale) };
}
