// The request headers that tell a public page which language to render, set by proxy.ts only. A visitor can
// send headers of the same names: they are removed from every request first, so a page never renders in a
// language its URL does not name (which would put the wrong language under a cacheable URL).
import type { LocaleRoute } from "@/core/i18n/paths";

/** The language of this request (a Locale). */
export const LOCALE_HEADER = "x-status-locale";
/** The path without its language prefix (and with its query), for the language menu and hreflang. */
export const PATH_HEADER = "x-status-path";
/** The page's default language, so links can drop the prefix for it. */
export const DEFAULT_LOCALE_HEADER = "x-status-default-locale";

const OURS = [LOCALE_HEADER, PATH_HEADER, DEFAULT_LOCALE_HEADER] as const;

/** A copy of the request's headers with ours replaced by what the route decided (or removed, for "none"). */
export function localeHeaders(incoming: Headers, route: LocaleRoute, search: string, defaultLocale: string): Headers {
  const headers = new Headers(incoming);
  for (const name of OURS) headers.delete(name);
  if (route.kind === "serve" || route.kind === "not-found") {
    headers.set(LOCALE_HEADER, route.locale);
    headers.set(DEFAULT_LOCALE_HEADER, defaultLocale);
    if (route.kind === "serve") headers.set(PATH_HEADER, `${route.path}${search}`);
  }
  return headers;
}
