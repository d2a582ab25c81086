// OIDC sign-in for viewers (issue #15). The code flow (discovery, PKCE, state, nonce, ID token checks, a
// verified email) is services/oidc/flow.ts, shared with the console's SSO. What we add: the email at an
// allowed domain (the page's list, when it has one), and the required claim.
import type { Db } from "@/db";
import { getPage } from "@/db/queries/status-page";
import { insertAuditEntry } from "@/db/writes/audit";
import { emailDomainAllowed, listOf } from "@/core/audience";
import type { Config } from "@/core/config";
import { claimValues, finishCodeFlow, OIDC_FLOW_LIFETIME, startCodeFlow } from "@/services/oidc/flow";
import { createViewerSession } from "./sessions";

export type OidcSettings = NonNullable<Config["viewerOidc"]> & {
  /** Seconds this clock is taken to be ahead of the provider's (the expired-token test sets it). */
  clockSkewSeconds?: number;
};
export const OIDC_FLOW_COOKIE = "viewer_oidc";
export { OIDC_FLOW_LIFETIME };

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

/** The provider's authorization URL and the flow cookie's value. */
export async function startOidcSignIn(
  settings: OidcSettings,
  input: { redirectUri: string; secret: string; now: number },
): Promise<{ ok: true; url: string; cookie: string } | { ok: false; reason: OidcRefusal }> {
  return startCodeFlow(settings, { ...input, purpose: "viewer-oidc" });
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
  const result = await finishCodeFlow(settings, { ...input, purpose: "viewer-oidc" });
  if (!result.ok) {
    const { reason, ok: _ok, ...detail } = result;
    return refuse(reason, detail);
  }
  const { email, claims } = result;
  const domains = listOf(page.viewerEmailDomains);
  if (domains.length && !emailDomainAllowed(email, domains)) return refuse("domain_not_allowed", { email });
  if (
    settings.requiredClaim &&
    !claimValues(claims[settings.requiredClaim.name]).includes(settings.requiredClaim.value)
  )
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
