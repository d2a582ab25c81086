// A quick first pass only: send visitors without a session cookie from the console to /login, and refuse
// requests that carry Next's internal sub-request header from outside. Every page, Server Action and route
// handler still checks the session and role itself (lib/auth/dal.ts); nothing relies on this file.
import { NextResponse, type NextRequest } from "next/server";
import { SESSION_COOKIE } from "@/lib/auth/policy";

export function proxy(request: NextRequest) {
  if (request.headers.has("x-middleware-subrequest")) {
    return new NextResponse("Bad request", { status: 400 });
  }
  if (!request.cookies.has(SESSION_COOKIE)) {
    const url = request.nextUrl.clone();
    url.pathname = "/login";
    url.search = "";
    return NextResponse.redirect(url);
  }
  return NextResponse.next();
}

export const config = { matcher: ["/admin", "/admin/:path*"] };
