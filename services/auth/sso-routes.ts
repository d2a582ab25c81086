// GET /login/sso (off to the provider) and GET /login/sso/callback (back from it), for the console. Every
// refusal ends on /login with a sentence saying why (by code); nothing here throws at the visitor.
import { getDb } from "@/db";
import { ensureAppSecret } from "@/db/writes/page";
import { getConfig } from "@/core/config";
import { OIDC_FLOW_LIFETIME } from "@/services/oidc/flow";
import { SESSION_COOKIE } from "./policy";
import { clientAddress } from "./request";
import { CONSOLE_SSO_COOKIE, finishConsoleSso, startConsoleSso } from "./sso";

const FLOW_PATH = "/login/sso";

const redirect = (location: string, cookies: string[] = []) => {
  const headers = new Headers({ Location: location, "Cache-Control": "no-store" });
  for (const c of cookies) headers.append("Set-Cookie", c);
  return new Response(null, { status: 303, headers });
};

function cookie(name: string, value: string, maxAgeMs: number, secure: boolean, path: string): string {
  return [
    `${name}=${value}`,
    `Path=${path}`,
    `Max-Age=${Math.max(0, Math.floor(maxAgeMs / 1000))}`,
    "HttpOnly",
    // Lax: the provider sends the browser back with a top-level GET, which carries a Lax cookie.
    "SameSite=Lax",
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}

export async function getConsoleSsoStart(): Promise<Response> {
  const config = getConfig();
  if (!config.consoleOidc) return redirect("/login?sso=not_configured");
  const now = Date.now();
  const begun = await startConsoleSso(config.consoleOidc, {
    redirectUri: `${config.publicUrl}${FLOW_PATH}/callback`,
    secret: ensureAppSecret(getDb(), now),
    now,
  });
  if (!begun.ok) return redirect(`/login?sso=${begun.reason}`);
  const secure = config.publicUrl.startsWith("https:");
  return redirect(begun.url, [cookie(CONSOLE_SSO_COOKIE, begun.cookie, OIDC_FLOW_LIFETIME, secure, FLOW_PATH)]);
}

export async function getConsoleSsoCallback(request: Request): Promise<Response> {
  const config = getConfig();
  if (!config.consoleOidc) return redirect("/login?sso=not_configured");
  const now = Date.now();
  const flow = /(?:^|;\s*)console_oidc=([^;]{1,1000})/.exec(request.headers.get("cookie") ?? "")?.[1];
  // The callback address as the provider was told it, whatever host header reached us.
  const callbackUrl = new URL(`${config.publicUrl}${FLOW_PATH}/callback${new URL(request.url).search}`);
  const db = getDb();
  const outcome = await finishConsoleSso(db, config.consoleOidc, {
    callbackUrl,
    flowCookie: flow,
    secret: ensureAppSecret(db, now),
    ip: clientAddress(request.headers),
    userAgent: request.headers.get("user-agent"),
    now,
  });
  const secure = config.publicUrl.startsWith("https:");
  const cleared = cookie(CONSOLE_SSO_COOKIE, "", 0, secure, FLOW_PATH);
  if (!outcome.ok) return redirect(`/login?sso=${outcome.reason}`, [cleared]);
  const session = cookie(SESSION_COOKIE, outcome.token, outcome.expiresAt - now, secure, "/");
  return redirect(outcome.pendingTwoFactor ? "/login/two-factor" : "/admin", [cleared, session]);
}
