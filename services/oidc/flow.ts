// The OpenID Connect code flow both sign-ins share (viewers of the internal page, and team members of the
// console), with openid-client: discovery, authorization code with PKCE, state and nonce, and the ID token's
// issuer, audience, expiry and signature checked by the library. The flow's secrets (state, nonce, PKCE
// verifier) ride in a short-lived HttpOnly cookie, HMAC-signed with the app secret under a purpose, so a
// tampered cookie, or one from the other sign-in, is refused before anything is sent to the provider.
import { createHmac, timingSafeEqual } from "node:crypto";
import * as client from "openid-client";
import { MINUTE } from "@/core/time";

export interface ProviderSettings {
  issuer: string;
  clientId: string;
  clientSecret: string | null;
  /** Seconds this clock is taken to be ahead of the provider's (the expired-token test sets it). */
  clockSkewSeconds?: number;
}

/** Which sign-in a flow cookie belongs to: one purpose's cookie never opens the other's callback. */
export type FlowPurpose = "viewer-oidc" | "console-oidc";
export const OIDC_FLOW_LIFETIME = 10 * MINUTE;
const PROVIDER_TIMEOUT_S = 10;

/** Discovery answers are kept for a few minutes: a sign-in should not cost a round trip to the provider. */
const discovered = new Map<string, { at: number; config: client.Configuration }>();

async function configure(settings: ProviderSettings, now: number): Promise<client.Configuration> {
  const key = `${settings.issuer} ${settings.clientId} ${settings.clockSkewSeconds ?? 0}`;
  const hit = discovered.get(key);
  if (hit && now - hit.at < 5 * MINUTE) return hit.config;
  const issuer = new URL(settings.issuer);
  const metadata: Partial<client.ClientMetadata> = {
    ...(settings.clientSecret ? { client_secret: settings.clientSecret } : {}),
    ...(settings.clockSkewSeconds ? { [client.clockSkew]: settings.clockSkewSeconds } : {}),
  };
  const config = await client.discovery(
    issuer,
    settings.clientId,
    metadata,
    // A public client (no secret) authenticates with PKCE alone.
    settings.clientSecret ? undefined : client.None(),
    {
      timeout: PROVIDER_TIMEOUT_S,
      // Plain http only for a provider on this machine (the tests); anything else must be https.
      execute: issuer.protocol === "http:" && isLoopback(issuer.hostname) ? [client.allowInsecureRequests] : [],
    },
  );
  discovered.set(key, { at: now, config });
  return config;
}

const isLoopback = (host: string) => host === "127.0.0.1" || host === "[::1]" || host === "localhost";

function sign(secret: string, purpose: FlowPurpose, payload: string): string {
  return createHmac("sha256", secret).update(`${purpose}:${payload}`).digest("base64url");
}

/** The provider's authorization URL and the flow cookie's value. */
export async function startCodeFlow(
  settings: ProviderSettings,
  input: { redirectUri: string; secret: string; now: number; purpose: FlowPurpose },
): Promise<{ ok: true; url: string; cookie: string } | { ok: false; reason: "provider_down" }> {
  let config: client.Configuration;
  try {
    config = await configure(settings, input.now);
  } catch {
    return { ok: false, reason: "provider_down" };
  }
  const state = client.randomState();
  const nonce = client.randomNonce();
  const verifier = client.randomPKCECodeVerifier();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: input.redirectUri,
    scope: "openid email profile",
    response_type: "code",
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
  const payload = [state, nonce, verifier, String(input.now + OIDC_FLOW_LIFETIME)].join(".");
  return { ok: true, url: url.href, cookie: `${payload}.${sign(input.secret, input.purpose, payload)}` };
}

function readFlow(cookie: string | null | undefined, secret: string, purpose: FlowPurpose, now: number) {
  if (!cookie || cookie.length > 1000) return null;
  const parts = cookie.split(".");
  if (parts.length !== 5) return null;
  const [state, nonce, verifier, expires, mac] = parts;
  const expected = Buffer.from(sign(secret, purpose, parts.slice(0, 4).join(".")));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  if (!(Number(expires) > now)) return null;
  return { state, nonce, verifier };
}

export type FlowFailure =
  | { ok: false; reason: "bad_flow" }
  | { ok: false; reason: "provider_down" | "rejected"; error?: string; message?: string };

/** What the provider vouched for: the claims, with `email` lower-cased and required to be verified. */
export type FlowResult =
  | { ok: true; claims: Record<string, unknown>; email: string }
  | FlowFailure
  | { ok: false; reason: "unverified_email"; email: string | null };

/** The provider sent the browser back to `callbackUrl`: checks the flow and the tokens, returns the claims. */
export async function finishCodeFlow(
  settings: ProviderSettings,
  input: { callbackUrl: URL; flowCookie: string | null | undefined; secret: string; now: number; purpose: FlowPurpose },
): Promise<FlowResult> {
  const flow = readFlow(input.flowCookie, input.secret, input.purpose, input.now);
  if (!flow) return { ok: false, reason: "bad_flow" };
  let config: client.Configuration;
  try {
    config = await configure(settings, input.now);
  } catch {
    return { ok: false, reason: "provider_down" };
  }
  let claims: Record<string, unknown>;
  try {
    const tokens = await client.authorizationCodeGrant(config, input.callbackUrl, {
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      pkceCodeVerifier: flow.verifier,
      idTokenExpected: true,
    });
    claims = { ...(tokens.claims() ?? {}) };
    // Many providers put the email in userinfo rather than the ID token.
    if (claims.email === undefined && tokens.access_token) {
      const info = await client.fetchUserInfo(config, tokens.access_token, String(claims.sub));
      claims = { ...info, ...claims, email: info.email, email_verified: info.email_verified };
    }
  } catch (err) {
    const error = err instanceof Error ? err.name : "Error";
    const message = err instanceof Error ? err.message.slice(0, 200) : "";
    // A network failure is the provider being down; anything else is an answer we refuse.
    const down = /fetch failed|ECONNREFUSED|timeout|aborted/i.test(message);
    return { ok: false, reason: down ? "provider_down" : "rejected", error, message };
  }
  const email = typeof claims.email === "string" ? claims.email.toLowerCase() : "";
  if (!email || claims.email_verified !== true) return { ok: false, reason: "unverified_email", email: email || null };
  return { ok: true, claims, email };
}

/** Whether a claim (a string or a list, as providers send groups and roles) holds `wanted`. */
export function claimValues(value: unknown): string[] {
  if (Array.isArray(value)) return value.map((v) => String(v));
  return value === undefined || value === null ? [] : [String(value)];
}
