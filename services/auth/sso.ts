// Console single sign-on (issue #15): a team member signs in with the organisation's OIDC provider. The code
// flow and its checks are services/oidc/flow.ts (shared with viewers, under another cookie purpose). Here:
// the allowed email domains, the role the claim mapping gives (core/console-sso.ts), a just-in-time member
// when it gives one, an access request an owner decides when it gives none (no session until then), and the
// member's two-factor, still owed after SSO when they have it on. Every sign-in and refusal is audited with why.
import type { Db, Tx } from "@/db";
import type { UserRole } from "@/db/constants";
import { findSsoAccessRequestByEmail, getConsoleSsoSettings } from "@/db/queries/console-sso";
import { countOwners } from "@/db/queries/team";
import { findUserByEmail } from "@/db/queries/users";
import { insertAuditEntry } from "@/db/writes/audit";
import { deleteSsoAccessRequestByEmail, upsertSsoAccessRequest } from "@/db/writes/console-sso";
import { updateUserRole } from "@/db/writes/team";
import { insertUser, recordSignIn } from "@/db/writes/users";
import { emailDomainAllowed, listOf } from "@/core/audience";
import { mappedRole, parseRoleMapping } from "@/core/console-sso";
import { claimValues, finishCodeFlow, startCodeFlow, type ProviderSettings } from "@/services/oidc/flow";
import { hashPassword } from "@/services/password";
import { createSession } from "./sessions";
import { newSecretToken } from "./tokens";

export type ConsoleSsoSettings = ProviderSettings & { name: string };
export const CONSOLE_SSO_COOKIE = "console_oidc";

export type SsoRefusal =
  | "not_configured"
  | "provider_down"
  | "bad_flow"
  | "rejected"
  | "unverified_email"
  | "domain_not_allowed"
  | "no_mapping"
  | "pending";

/** What the login page says for each refusal, by code (the text is ours, never taken from the address). */
export const SSO_REFUSALS: Record<SsoRefusal, string> = {
  not_configured: "Single sign-on is not set up for this console.",
  provider_down: "The sign-in provider could not be reached. Try again in a few minutes.",
  bad_flow: "This sign-in attempt expired or was tampered with. Start again.",
  rejected: "The sign-in provider's answer could not be accepted. Start again.",
  unverified_email: "Your account's email address is not verified with the sign-in provider.",
  domain_not_allowed: "Your email address is not at a domain allowed to sign in to this console.",
  no_mapping: "You are not a member of this console yet. An owner has been asked to approve your access.",
  pending: "Your access is still waiting for an owner's approval. Try again once they have approved it.",
};

export type SsoOutcome =
  | { ok: true; token: string; expiresAt: number; pendingTwoFactor: boolean; userId: string; role: UserRole }
  | { ok: false; reason: SsoRefusal };

export function startConsoleSso(
  settings: ConsoleSsoSettings,
  input: { redirectUri: string; secret: string; now: number },
) {
  return startCodeFlow(settings, { ...input, purpose: "console-oidc" });
}

interface FinishInput {
  callbackUrl: URL;
  flowCookie: string | null | undefined;
  secret: string;
  ip: string | null;
  userAgent?: string | null;
  now: number;
}

export async function finishConsoleSso(db: Db, settings: ConsoleSsoSettings, input: FinishInput): Promise<SsoOutcome> {
  const audit = (tx: Tx, action: string, label: string, detail: Record<string, unknown>, userId?: string) =>
    insertAuditEntry(tx, {
      at: input.now,
      actorType: userId ? "user" : "anonymous",
      actorId: userId ?? null,
      actorLabel: label,
      action,
      targetType: userId ? "user" : null,
      targetId: userId ?? null,
      detail: { method: "oidc", ...detail },
      ip: input.ip,
    });
  const refuse = (reason: SsoRefusal, email: string | null, detail: Record<string, unknown> = {}): SsoOutcome => {
    audit(db, "auth.sso_refused", email ?? "(sso)", { reason, ...detail });
    return { ok: false, reason };
  };

  const result = await finishCodeFlow(settings, { ...input, purpose: "console-oidc" });
  if (!result.ok) {
    const { reason, ok: _ok, ...detail } = result;
    return refuse(reason, "email" in detail ? (detail.email ?? null) : null, detail);
  }
  const { email, claims } = result;
  const sso = getConsoleSsoSettings(db);
  const domains = listOf(sso.emailDomains);
  if (domains.length && !emailDomainAllowed(email, domains)) return refuse("domain_not_allowed", email);
  const values = claimValues(claims[sso.roleClaim]).slice(0, 100);
  const parsed = parseRoleMapping(sso.roleMapping);
  const role = parsed.ok ? mappedRole(parsed.mapping, values) : null;
  const name = typeof claims.name === "string" ? claims.name.slice(0, 100) : "";
  // A new member's password is random and never told: they sign in with SSO (or reset it, if passwords are on).
  const unusablePassword = !findUserByEmail(db, email) && role ? await hashPassword(newSecretToken()) : null;

  return db.transaction(
    (tx): SsoOutcome => {
      let user = findUserByEmail(tx, email);
      if (!user && (!role || !unusablePassword)) {
        const known = Boolean(findSsoAccessRequestByEmail(tx, email));
        upsertSsoAccessRequest(tx, { email, name, claimValues: values, at: input.now });
        const reason = known ? "pending" : "no_mapping";
        audit(tx, "auth.sso_refused", email, { reason, claim: sso.roleClaim, values });
        return { ok: false, reason };
      }
      if (!user) {
        const id = insertUser(tx, { email, name, passwordHash: unusablePassword!, role: role!, at: input.now });
        deleteSsoAccessRequestByEmail(tx, email);
        audit(tx, "team.sso_member_created", email, { role, claim: sso.roleClaim }, id);
        user = findUserByEmail(tx, email)!;
      } else if (role && role !== user.role) {
        // The provider's groups decide, except that the last owner and the break-glass owner stay owners.
        const keepsOwner =
          user.role === "owner" &&
          (countOwners(tx) <= 1 || (sso.localPasswordsOff && sso.breakGlassUserId === user.id));
        if (!keepsOwner) {
          updateUserRole(tx, user.id, role, input.now);
          audit(tx, "team.change_role", email, { by: "sso_mapping", from: user.role, to: role }, user.id);
          user = { ...user, role };
        }
      }
      const pendingTwoFactor = user.totpEnabledAt !== null;
      const session = createSession(tx, {
        userId: user.id,
        pendingTwoFactor,
        now: input.now,
        ip: input.ip,
        userAgent: input.userAgent,
      });
      if (!pendingTwoFactor) recordSignIn(tx, user.id, input.now);
      audit(tx, pendingTwoFactor ? "auth.sso_accepted_two_factor_pending" : "auth.sso_sign_in", email, {}, user.id);
      return { ok: true, ...session, pendingTwoFactor, userId: user.id, role: user.role };
    },
    { behavior: "immediate" },
  );
}
