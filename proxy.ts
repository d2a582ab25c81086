// A quick first pass only: give every public request its language from the URL (core/i18n/paths.ts), send
// visitors without a session cookie from the console to /login, refuse requests that carry Next's internal
// sub-request header from outside, and give invitation links their status code. Every page, Server Action and
// route handler still checks the session and role itself (services/auth/dal.ts); nothing relies on this file.
import { NextResponse, type NextRequest } from "next/server";
import { getDb } from "@/db";
import { getDefaultLocale } from "@/db/queries/status-page";
import { DEFAULT_LOCALE, isLocale } from "@/core/i18n/locales";
import { isLocalizedPath, NOT_FOUND_PATH, routeLocale, splitLocalePath } from "@/core/i18n/paths";
import { SESSION_COOKIE } from "@/services/auth/policy";
import { invitationLinkState } from "@/services/console/invitation-link";
import { alreadyRouted, localeHeaders } from "@/services/i18n/locale-headers";

export function proxy(request: NextRequest) {
  if (request.headers.has("x-middleware-subrequest")) {
    return new NextResponse("Bad request", { status: 400 });
  }
  // The second pass over a rewritten path: the first one decided the language (and did the rest).
  if (alreadyRouted(request.headers)) return NextResponse.next();
  const { pathname, search } = request.nextUrl;
  // The database is read only for a public page (or a language prefix), never for assets or the console.
  const needsDefault = splitLocalePath(pathname).locale !== undefined || isLocalizedPath(pathname);
  const stored = needsDefault ? getDefaultLocale(getDb()) : DEFAULT_LOCALE;
  const defaultLocale = isLocale(stored) ? stored : DEFAULT_LOCALE;
  const route = routeLocale(pathname, search, defaultLocale);
  // Always built, for every request: it also removes any language header the visitor sent.
  const headers = localeHeaders(request.headers, route, search, defaultLocale);
  const onward = (init?: ResponseInit) => NextResponse.next({ ...init, request: { headers } });

  if (route.kind === "redirect") {
    // 308 keeps a form post a post. Next sends a same-origin Location as a relative one.
    const url = request.nextUrl.clone();
    const q = route.location.indexOf("?");
    url.pathname = q === -1 ? route.location : route.location.slice(0, q);
    url.search = q === -1 ? "" : route.location.slice(q);
    return NextResponse.redirect(url, 308);
  }
  if (route.kind === "not-found") {
    return NextResponse.rewrite(new URL(NOT_FOUND_PATH, request.url), { request: { headers } });
  }
  if (route.kind === "serve") {
    if (route.path === pathname) return onward();
    return NextResponse.rewrite(new URL(`${route.path}${search}`, request.url), { request: { headers } });
  }

  // A page cannot choose its status code, so the invitation page's comes from here: 404 for a link that
  // never existed, 410 for one used, revoked or expired. The page itself says which, and checks again.
  // The accept form's POST gets its answer from the action. Invitees have no session: no sign-in redirect.
  if (pathname.startsWith("/invite/")) {
    if (request.method !== "GET" && request.method !== "HEAD") return onward();
    let token = "";
    try {
      token = decodeURIComponent(pathname.slice("/invite/".length));
    } catch {} // a malformed escape is simply an unknown link
    const state = invitationLinkState(getDb(), token);
    return state === "open" ? onward() : onward({ status: state === "gone" ? 410 : 404 });
  }
  if ((pathname === "/admin" || pathname.startsWith("/admin/")) && !request.cookies.has(SESSION_COOKIE)) {
    const url = request.nextUrl.clone();
    url.pathname = "/login";
    url.search = "";
    return NextResponse.redirect(url);
  }
  return onward();
}

// Every path but Next's own build output: the language headers must be cleaned on every request a page sees.
export const config = { matcher: ["/((?!_next/static|_next/image).*)"] };
