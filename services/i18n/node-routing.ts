// Where a request's language is decided: in server.ts (and the render worker) before Next sees the request.
// `/de/x` becomes `/x` with the language headers (services/i18n/locale-headers.ts) set on it; any headers of
// those names the visitor sent are deleted first, so only the URL chooses the language. Done here, not in
// proxy.ts, because Next runs the proxy a second time on a rewritten path with the original headers, which
// would lose the language the first pass read from the prefix.
import type http from "node:http";
import { getDb } from "@/db";
import { getDefaultLocale } from "@/db/queries/status-page";
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/core/i18n/locales";
import { isLocalizedPath, NOT_FOUND_PATH, routeLocale, splitLocalePath } from "@/core/i18n/paths";
import { localeHeaders, OUR_HEADERS } from "./locale-headers";

/** The page's default language from the database; English while it cannot be read. */
export function storedDefaultLocale(): Locale {
  try {
    const stored = getDefaultLocale(getDb());
    return isLocale(stored) ? stored : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

/**
 * Rewrites `req` in place for its language; true when it answered the request itself (the 308 from the
 * default language's prefixed duplicate to its one URL).
 */
export function routeLanguage(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  defaultLocale: () => Locale = storedDefaultLocale,
): boolean {
  for (const name of OUR_HEADERS) delete req.headers[name];
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  const pathname = q === -1 ? url : url.slice(0, q);
  const search = q === -1 ? "" : url.slice(q);
  // The database is read only for a public page or a language prefix, never for assets or the console.
  const needsDefault = splitLocalePath(pathname).locale !== undefined || isLocalizedPath(pathname);
  const fallback = needsDefault ? defaultLocale() : DEFAULT_LOCALE;
  // `/de/` is `/de` (Next drops a trailing slash the same way, but it sees only the rewritten path).
  const slash = splitLocalePath(pathname).locale !== undefined && pathname.length > 1 && pathname.endsWith("/");
  const route = slash
    ? ({ kind: "redirect", location: `${pathname.replace(/\/+$/, "")}${search}` } as const)
    : routeLocale(pathname, search, fallback);
  if (route.kind === "redirect") {
    // 308 keeps a form post a post; relative, so it is right behind any proxy or scheme.
    res.writeHead(308, { location: route.location, "content-type": "text/plain; charset=utf-8" });
    res.end(req.method === "HEAD" ? undefined : `Moved to ${route.location}`);
    return true;
  }
  if (route.kind === "none") return false;
  for (const [name, value] of localeHeaders(new Headers(), route, search, fallback)) req.headers[name] = value;
  req.url = route.kind === "serve" ? `${route.path}${search}` : NOT_FOUND_PATH;
  return false;
}
