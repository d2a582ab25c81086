// A quick first pass only: send visitors without a session cookie from the console to /login, refuse
// requests that carry Next's internal sub-request header from outside, and give invitation links their
// status code. Every page, Server Action and route handler still checks the session and role itself
// (services/auth/dal.ts); nothing relies on this file.
import { NextResponse, type NextRequest } from "next/server";
import { getDb } from "@/db";
import { SESSION_COOKIE } from "@/services/auth/policy";
import { invitationLinkState } from "@/services/console/invitation-link";

export function proxy(request: NextRequest) {
  if (request.headers.has("x-middleware-subrequest")) {
    return new NextResponse("Bad request", { status: 400 });
  }
  // A page cannot choose its status code, so the invitation page's comes from here: 404 for a link that
  // never existed, 410 for one used, revoked or expired. The page itself says which, and checks again.
  // The accept form's POST gets its answer from the action. Invitees have no session: no sign-in redirect.
  if (request.nextUrl.pathname.startsWith("/invite/")) {
    if (request.method !== "GET" && request.method !== "HEAD") return NextResponse.next();
    let token = "";
    try {
      token = decodeURIComponent(request.nextUrl.pathname.slice("/invite/".length));
    } catch {} // a malformed escape is simply an unknown link
    const state = invitationLinkState(getDb(), token);
    return state === "open" ? NextResponse.next() : NextResponse.next({ status: state === "gone" ? 410 : 404 });
  }
  if (!request.cookies.has(SESSION_COOKIE)) {
    const url = request.nextUrl.clone();
    url.pathname = "/login";
    url.search = "";
    return NextResponse.redirect(url);
  }
  return NextResponse.next();
}

export const config = { matcher: ["/admin", "/admin/:path*", "/invite/:token"] };
