// The two GET routes of an OpenID Connect sign-in, shared by the viewers' (/sign-in/oidc) and the console's
// (/login/sso): the start sends the browser to the provider with the flow cookie set; the callback checks the
// answer (services/oidc/flow.ts underneath), clears the flow cookie either way and hands a session cookie to
// the caller's signedIn. Every refusal ends on the sign-in page with a code; nothing here throws at a visitor.
import { getDb, type Db } from "@/db";
import { ensureAppSecret } from "@/db/writes/page";
import { getConfig, type Config } from "@/core/config";
import { clientAddress } from "@/services/auth/request";
import { OIDC_FLOW_LIFETIME } from "./flow";

export interface CallbackInput {
  callbackUrl: URL;
  flowCookie: string | null | undefined;
  secret: string;
  ip: string | null;
  userAgent: string | null;
  now: number;
}

type Refused = { ok: false; reason: string };
type Begun = { ok: true; url: string; cookie: string } | Refused;

export type MakeCookie = (name: string, value: string, maxAgeMs: number, path?: string) => string;

export interface OidcRouteSpec<S, Outcome extends { ok: true } | Refused> {
  /** The start route's path; the callback is this + "/callback", and the flow cookie is scoped to it. */
  flowPath: string;
  flowCookie: string;
  settings: (config: Config) => S | null | undefined;
  /** Where a request goes when this sign-in is not configured. */
  notConfigured: string;
  /** Where a refusal goes, by its reason code. */
  refused: (reason: string) => string;
  start: (settings: S, input: { redirectUri: string; secret: string; now: number }) => Promise<Begun>;
  finish: (db: Db, settings: S, input: CallbackInput) => Promise<Outcome>;
  /** Where a signed-in browser goes, with the session cookie(s) to set. */
  signedIn: (
    done: Extract<Outcome, { ok: true }>,
    now: number,
    cookie: MakeCookie,
  ) => { location: string; cookies: string[] };
}

const redirect = (location: string, cookies: string[] = []) => {
  const headers = new Headers({ Location: location, "Cache-Control": "no-store" });
  for (const c of cookies) headers.append("Set-Cookie", c);
  return new Response(null, { status: 303, headers });
};

function cookieMaker(secure: boolean): MakeCookie {
  return (name, value, maxAgeMs, path = "/") =>
    [
      `${name}=${value}`,
      `Path=${path}`,
      `Max-Age=${Math.max(0, Math.floor(maxAgeMs / 1000))}`,
      "HttpOnly",
      // Lax: the provider sends the browser back with a top-level GET, which carries a Lax cookie.
      "SameSite=Lax",
      ...(secure ? ["Secure"] : []),
    ].join("; ");
}

export function oidcRoutes<S, Outcome extends { ok: true } | Refused>(spec: OidcRouteSpec<S, Outcome>) {
  const flowCookie = new RegExp(`(?:^|;\\s*)${spec.flowCookie}=([^;]{1,1000})`);
  const callbackPath = `${spec.flowPath}/callback`;

  async function start(): Promise<Response> {
    const config = getConfig();
    const settings = spec.settings(config);
    if (!settings) return redirect(spec.notConfigured);
    const now = Date.now();
    const begun = await spec.start(settings, {
      redirectUri: `${config.publicUrl}${callbackPath}`,
      secret: ensureAppSecret(getDb(), now),
      now,
    });
    if (!begun.ok) return redirect(spec.refused(begun.reason));
    const cookie = cookieMaker(config.publicUrl.startsWith("https:"));
    return redirect(begun.url, [cookie(spec.flowCookie, begun.cookie, OIDC_FLOW_LIFETIME, spec.flowPath)]);
  }

  async function callback(request: Request): Promise<Response> {
    const config = getConfig();
    const settings = spec.settings(config);
    if (!settings) return redirect(spec.notConfigured);
    const now = Date.now();
    const db = getDb();
    const outcome = await spec.finish(db, settings, {
      // The callback address as the provider was told it, whatever host header reached us.
      callbackUrl: new URL(`${config.publicUrl}${callbackPath}${new URL(request.url).search}`),
      flowCookie: flowCookie.exec(request.headers.get("cookie") ?? "")?.[1],
      secret: ensureAppSecret(db, now),
      ip: clientAddress(request.headers),
      userAgent: request.headers.get("user-agent"),
      now,
    });
    const cookie = cookieMaker(config.publicUrl.startsWith("https:"));
    // The flow is over either way: its cookie goes.
    const cleared = cookie(spec.flowCookie, "", 0, spec.flowPath);
    if (!outcome.ok) return redirect(spec.refused(outcome.reason), [cleared]);
    const next = spec.signedIn(outcome as Extract<Outcome, { ok: true }>, now, cookie);
    return redirect(next.location, [cleared, ...next.cookies]);
  }

  return { start, callback };
}
