// GET /sign-in/oidc (off to the provider) and GET /sign-in/oidc/callback (back from it). Every refusal ends on
// the sign-in page with a sentence saying why; nothing here throws at the visitor.
import { getDb } from "@/db";
import { ensureAppSecret } from "@/db/writes/page";
import { getConfig } from "@/core/config";
import { clientAddress } from "@/services/auth/request";
import { finishOidcSignIn, OIDC_FLOW_COOKIE, OIDC_FLOW_LIFETIME, startOidcSignIn } from "./oidc";
import { VIEWER_COOKIE } from "./policy";

const redirect = (location: string, cookies: string[] = []) => {
  const headers = new Headers({ Location: location, "Cache-Control": "no-store" });
  for (const c of cookies) headers.append("Set-Cookie", c);
  return new Response(null, { status: 303, headers });
};

function cookie(name: string, value: string, maxAgeMs: number, secure: boolean, path = "/"): string {
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

export async function getOidcStart(): Promise<Response> {
  const config = getConfig();
  if (!config.viewerOidc) return redirect("/sign-in");
  const now = Date.now();
  const begun = await startOidcSignIn(config.viewerOidc, {
    redirectUri: `${config.publicUrl}/sign-in/oidc/callback`,
    secret: ensureAppSecret(getDb(), now),
    now,
  });
  if (!begun.ok) return redirect(`/sign-in?error=oidc_${begun.reason}`);
  const secure = config.publicUrl.startsWith("https:");
  return redirect(begun.url, [cookie(OIDC_FLOW_COOKIE, begun.cookie, OIDC_FLOW_LIFETIME, secure, "/sign-in/oidc")]);
}

export async function getOidcCallback(request: Request): Promise<Response> {
  const config = getConfig();
  if (!config.viewerOidc) return redirect("/sign-in");
  const now = Date.now();
  const flow = /(?:^|;\s*)viewer_oidc=([^;]{1,1000})/.exec(request.headers.get("cookie") ?? "")?.[1];
  // The callback address as the provider was told it, whatever host header reached us.
  const incoming = new URL(request.url);
  const callbackUrl = new URL(`${config.publicUrl}/sign-in/oidc/callback${incoming.search}`);
  const db = getDb();
  const outcome = await finishOidcSignIn(db, config.viewerOidc, {
    callbackUrl,
    flowCookie: flow,
    secret: ensureAppSecret(db, now),
    ip: clientAddress(request.headers),
    now,
  });
  const secure = config.publicUrl.startsWith("https:");
  // The flow is over either way: its cookie goes.
  const cleared = cookie(OIDC_FLOW_COOKIE, "", 0, secure, "/sign-in/oidc");
  if (!outcome.ok) return redirect(`/sign-in?error=oidc_${outcome.reason}`, [cleared]);
  return redirect("/", [cleared, cookie(VIEWER_COOKIE, outcome.token, outcome.expiresAt - now, secure)]);
}
