// OIDC sign-in for viewers (issue #15) with openid-client: discovery, authorization code with PKCE, state and
// nonce, and the ID token's issuer, audience, expiry and signature checked by the library. What we add: the
// email must be verified, at an allowed domain (the page's list, when it has one), and the required claim must
// hold. The flow's secrets (state, nonce, PKCE verifier) ride in a short-lived HttpOnly cookie, HMAC-signed
// with the app secret, so a tampered or foreign cookie is refused before anything is sent to the provider.
import { createHmac, timingSafeEqual } from "node:crypto";
import * as client from "openid-client";
import type { Db } from "@/db";
import { getPage } from "@/db/queries/status-page";
import { insertAuditEntry } from "@/db/writes/audit";
import { emailDomainAllowed, listOf } from "@/core/audience";
import type { Config } from "@/core/config";
import { MINUTE } from "@/core/time";
import { createViewerSession } from "./sessions";

export type OidcSettings = NonNullable<Config["viewerOidc"]> & {
  /** Seconds this clock is taken to be ahead of the provider's (the expired-token test sets it). */
  clockSkewSeconds?: number;
};
export const OIDC_FLOW_COOKIE = "viewer_oidc";
export const OIDC_FLOW_LIFETIME = 10 * MINUTE;
const PROVIDER_TIMEOUT_S = 10;

export type OidcRefusal =
  | "provider_down"
  | "bad_flow"
  | "rejected"
  | "unverified_email"
  | "domain_not_allowed"
  | "claim_missing"
  | "not_private";

export const OIDC_REFUSALS: Record<OidcRefusal, string> = {
  provider_down: "The sign-in provider could not be reached. Try again in a few minutes.",
  bad_flow: "This sign-in attempt expired or was tampered with. Start again.",
  rejected: "The sign-in provider's answer could not be accepted. Start again.",
  unverified_email: "Your account's email address is not verified with the sign-in provider.",
  domain_not_allowed: "Your email address is not one of the domains allowed to see the internal page.",
  claim_missing: "Your account is not in the group that may see the internal page.",
  not_private: "This status page is public: there is nothing to sign in to.",
};

/** Discovery answers are kept for a few minutes: a sign-in should not cost a round trip to the provider. */
const discovered = new Map<string, { at: number; config: client.Configuration }>();

async function configure(settings: OidcSettings, now: number): Promise<client.Configuration> {
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

function sign(secret: string, payload: string): string {
  return createHmac("sha256", secret).update(`viewer-oidc:${payload}`).digest("base64url");
}

/** The provider's authorization URL and the flow cookie's value. */
export async function startOidcSignIn(
  settings: OidcSettings,
  input: { redirectUri: string; secret: string; now: number },
): Promise<{ ok: true; url: string; cookie: string } | { ok: false; reason: OidcRefusal }> {
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
  return { ok: true, url: url.href, cookie: `${payload}.${sign(input.secret, payload)}` };
}

function readFlow(cookie: string | null | undefined, secret: string, now: number) {
  if (!cookie || cookie.length > 1000) return null;
  const parts = cookie.split(".");
  if (parts.length !== 5) return null;
  const [state, nonce, verifier, expires, mac] = parts;
  const expected = Buffer.from(sign(secret, parts.slice(0, 4).join(".")));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  if (!(Number(expires) > now)) return null;
  return { state, nonce, verifier };
}

function claimHolds(value: unknown, wanted: string): boolean {
  if (Array.isArray(value)) return value.some((v) => String(v) === wanted);
  return value !== undefined && value !== null && String(value) === wanted;
}

export type OidcOutcome =
  { ok: true; token: string; expiresAt: number; email: string } | { ok: false; reason: OidcRefusal };

/** The provider sent the browser back to `callbackUrl`: check everything, then start a viewer session. */
export async function finishOidcSignIn(
  db: Db,
  settings: OidcSettings,
  input: { callbackUrl: URL; flowCookie: string | null | undefined; secret: string; ip: string | null; now: number },
): Promise<OidcOutcome> {
  const refuse = (reason: OidcRefusal, detail: Record<string, unknown> = {}): OidcOutcome => {
    insertAuditEntry(db, {
      at: input.now,
      actorType: "anonymous",
      actorLabel: typeof detail.email === "string" ? detail.email : "(oidc)",
      action: "viewer.sign_in_refused",
      targetType: null,
      targetId: null,
      detail: { method: "oidc", reason, ...detail },
      ip: input.ip,
    });
    return { ok: false, reason };
  };
  const page = getPage(db);
  if (!page || page.visibility === "public") return { ok: false, reason: "not_private" };
  const flow = readFlow(input.flowCookie, input.secret, input.now);
  if (!flow) return refuse("bad_flow");
  let config: client.Configuration;
  try {
    config = await configure(settings, input.now);
  } catch {
    return refuse("provider_down");
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
    const name = err instanceof Error ? err.name : "Error";
    const message = err instanceof Error ? err.message.slice(0, 200) : "";
    // A network failure is the provider being down; anything else is an answer we refuse.
    return refuse(/fetch failed|ECONNREFUSED|timeout|aborted/i.test(message) ? "provider_down" : "rejected", {
      error: name,
      message,
    });
  }
  const email = typeof claims.email === "string" ? claims.email.toLowerCase() : "";
  if (!email || claims.email_verified !== true) return refuse("unverified_email", { email: email || null });
  const domains = listOf(page.viewerEmailDomains);
  if (domains.length && !emailDomainAllowed(email, domains)) return refuse("domain_not_allowed", { email });
  if (settings.requiredClaim && !claimHolds(claims[settings.requiredClaim.name], settings.requiredClaim.value))
    return refuse("claim_missing", { email, claim: settings.requiredClaim.name });
  return db.transaction((tx) => {
    const session = createViewerSession(tx, { email, method: "oidc", now: input.now });
    insertAuditEntry(tx, {
      at: input.now,
      actorType: "anonymous",
      actorLabel: email,
      action: "viewer.sign_in",
      targetType: null,
      targetId: null,
      detail: { method: "oidc" },
      ip: input.ip,
    });
    return { ok: true as const, ...session, email };
  });
}
