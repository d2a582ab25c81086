// The viewer sign-in form posts (plain HTML forms, so they work without JavaScript): ask for a link, use a
// link, sign out. Each answers with a 303 to a page. No CSRF token: a cross-site POST is refused by its
// Origin (isCrossSite), and the sign-in ones only ever start a session for whoever holds the emailed link.
import { getDb } from "@/db";
import { getConfig } from "@/core/config";
import { clientAddress, isCrossSite } from "@/services/auth/request";
import { BodyError, bodyErrorResponse, readBodyForm } from "@/services/request-body";
import { requestViewerLink, signInWithLink } from "./email-link";
import { VIEWER_COOKIE, VIEWER_LINK_ANSWER_FLOOR_MS, viewerCookieOptions } from "./policy";
import { endViewerSession } from "./sessions";

const MAX_BODY = 4 * 1024;

const seeOther = (location: string, cookie?: string) =>
  new Response(null, {
    status: 303,
    headers: { Location: location, "Cache-Control": "no-store", ...(cookie ? { "Set-Cookie": cookie } : {}) },
  });

function cookieHeader(value: string, expiresAt: number): string {
  const o = viewerCookieOptions(expiresAt, getConfig().publicUrl.startsWith("https:"));
  return [
    `${VIEWER_COOKIE}=${value}`,
    `Path=${o.path}`,
    `Expires=${o.expires.toUTCString()}`,
    "HttpOnly",
    "SameSite=Lax",
    ...(o.secure ? ["Secure"] : []),
  ].join("; ");
}

async function form(request: Request): Promise<FormData | Response> {
  if (isCrossSite(request.headers)) return new Response("Cross-site request refused", { status: 403 });
  try {
    return await readBodyForm(request, MAX_BODY);
  } catch (err) {
    if (err instanceof BodyError) return bodyErrorResponse(err);
    throw err;
  }
}

export async function postLinkRequest(request: Request): Promise<Response> {
  const started = Date.now();
  const body = await form(request);
  if (body instanceof Response) return body;
  const email = String(body.get("email") ?? "");
  const result = requestViewerLink(getDb(), { email, ip: clientAddress(request.headers), now: started });
  // The same time for every address: an allowed domain costs a few more writes than the others.
  const wait = VIEWER_LINK_ANSWER_FLOOR_MS - (Date.now() - started);
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  if (result.kind === "invalid") return seeOther("/sign-in?error=email");
  if (result.kind === "throttled") return seeOther("/sign-in?error=throttled");
  return seeOther("/sign-in?sent=1");
}

export async function postLinkConfirm(request: Request): Promise<Response> {
  const body = await form(request);
  if (body instanceof Response) return body;
  const session = signInWithLink(getDb(), String(body.get("token") ?? ""), {
    ip: clientAddress(request.headers),
    now: Date.now(),
  });
  if (!session) return seeOther("/sign-in?error=link");
  return seeOther("/", cookieHeader(session.token, session.expiresAt));
}

export async function postSignOut(request: Request): Promise<Response> {
  if (isCrossSite(request.headers)) return new Response("Cross-site request refused", { status: 403 });
  const cookie = /(?:^|;\s*)viewer_session=([^;]+)/.exec(request.headers.get("cookie") ?? "")?.[1];
  endViewerSession(getDb(), cookie ? decodeURIComponent(cookie) : null);
  return seeOther("/", cookieHeader("", 0));
}
