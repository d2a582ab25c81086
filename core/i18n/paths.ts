// Which language a public URL is in, and the URL of the same page in another language. One rule everywhere
// (proxy.ts, the page cache, the static publisher, the language menu, hreflang): an unprefixed path is the
// page's default language; `/<locale>/...` is that language; `/<default>/...` is a duplicate that redirects
// to the unprefixed path. Each language so has exactly one URL, which caches and publishes like any other:
// nothing varies on a cookie or on Accept-Language.
import { isLocale, LOCALES, type Locale } from "./locales";

/**
 * The public paths that exist in every language (the part after the prefix). Forms' POST targets are here so
 * a form posted from /de/... keeps its language; the console, API, health, assets and the token pages
 * (manage, confirm, unsubscribe: the subscriber's own language) are not.
 */
/** A path no route matches: Next answers it with the not-found page (server.ts and proxy.ts ask for it). */
export const NOT_FOUND_PATH = "/__status/not-found";

const LOCALIZED: readonly RegExp[] = [
  /^\/__status\/not-found$/,
  /^\/$/,
  /^\/history$/,
  /^\/history\.(atom|rss)$/,
  /^\/incidents\/[^/]+(\/follow(\/sms)?)?$/,
  /^\/maintenances\.ics$/,
  /^\/maintenances\/[^/]+\.ics$/,
  /^\/subscribe(\/sms(\/verify)?)?$/,
  /^\/embed\/widget$/,
  /^\/badge\.svg$/,
  /^\/report-a-problem$/,
  /^\/sign-in$/,
  /^\/helpful\/[^/]+(\/vote)?$/,
  /^\/report$/,
  /^\/report\/csv$/,
  // The SMS manage flow (number, code, and the settings behind the link it opens) and the short links in SMS:
  // each in the language of the URL, so a German subscriber's texts lead to German pages.
  /^\/manage\/sms(\/[^/]+)?$/,
  /^\/i\/[^/]+$/,
];

export function isLocalizedPath(pathname: string): boolean {
  return LOCALIZED.some((pattern) => pattern.test(pathname));
}

export interface LocalePath {
  /** The language named by the prefix, or undefined for an unprefixed path. */
  locale: Locale | undefined;
  /** The path without the prefix, always starting with "/". */
  rest: string;
}

/** `/de/history` -> de + /history; `/de` -> de + /; `/history` and `/xx/history` -> no locale. */
export function splitLocalePath(pathname: string): LocalePath {
  const end = pathname.indexOf("/", 1);
  const first = end === -1 ? pathname.slice(1) : pathname.slice(1, end);
  if (!isLocale(first)) return { locale: undefined, rest: pathname };
  return { locale: first, rest: end === -1 ? "/" : pathname.slice(end) };
}

/** The prefix of a language's URLs: "" for the page's default, "/de" for German. */
export function localePrefix(locale: Locale, defaultLocale: Locale): string {
  return locale === defaultLocale ? "" : `/${locale}`;
}

/** `/history?page=2` in German, on a page whose default is English -> `/de/history?page=2`. */
export function localizePath(path: string, locale: Locale, defaultLocale: Locale): string {
  const prefix = localePrefix(locale, defaultLocale);
  if (!prefix) return path;
  // `/de`, not `/de/`: Next redirects a trailing slash away, so the bare prefix is the home page's one URL.
  return path === "/" || path.startsWith("/?") ? `${prefix}${path.slice(1)}` : `${prefix}${path}`;
}

/** Every language's URL of one page, plus `x-default` (the unprefixed one), for hreflang and the menu. */
export function languageAlternates(path: string, defaultLocale: Locale): { hrefLang: string; href: string }[] {
  return [
    ...LOCALES.map((locale) => ({ hrefLang: locale, href: localizePath(path, locale, defaultLocale) })),
    { hrefLang: "x-default", href: path },
  ];
}

/** What a public page knows of its language: components take it to write links and the language menu. */
export interface PageLanguage {
  locale: Locale;
  defaultLocale: Locale;
  /** This page's path (and query) without the language prefix. */
  path: string;
}

/** For a page outside the per-language URLs (e.g. a token page): English, no language menu. */
export const ENGLISH_PAGE: PageLanguage = { locale: "en", defaultLocale: "en", path: "/" };

/** A path of the app in the page's language: `/history` on a German page is `/de/history`. */
export function hrefIn(lang: PageLanguage, path: string): string {
  return localizePath(path, lang.locale, lang.defaultLocale);
}

export type LocaleRoute =
  /** Serve `path` in `locale` (a rewrite when the URL had a prefix). */
  | { kind: "serve"; locale: Locale; path: string }
  /** The default language's prefixed duplicate: send the visitor to the one URL of that page. */
  | { kind: "redirect"; location: string }
  /** A language prefix on something that has no language versions (`/de/admin`): not found, in that language. */
  | { kind: "not-found"; locale: Locale }
  /** Not a public page (console, API, assets): no language. */
  | { kind: "none" };

/** What proxy.ts does with a request path (and its query, kept on redirects). */
export function routeLocale(pathname: string, search: string, defaultLocale: Locale): LocaleRoute {
  const { locale, rest } = splitLocalePath(pathname);
  if (!locale)
    return isLocalizedPath(pathname) ? { kind: "serve", locale: defaultLocale, path: pathname } : { kind: "none" };
  if (!isLocalizedPath(rest)) return { kind: "not-found", locale };
  if (locale === defaultLocale) return { kind: "redirect", location: `${rest}${search}` };
  return { kind: "serve", locale, path: rest };
}
