// The console's SSO settings and access requests (issue #15), owners only. Turning local passwords off needs
// console SSO configured and a break-glass owner who keeps a password, so someone can always sign in; that
// owner cannot then be demoted or removed (services/console/team.ts asks ssoProtectsMember).
import type { Db, Tx } from "@/db";
import type { UserRole } from "@/db/constants";
import { findSsoAccessRequest, getConsoleSsoSettings } from "@/db/queries/console-sso";
import { findUserByEmail, findUserById } from "@/db/queries/users";
import { deleteSsoAccessRequest, saveConsoleSsoSettings } from "@/db/writes/console-sso";
import { insertUser } from "@/db/writes/users";
import { parseDomainList } from "@/core/audience";
import { assertCan, type Actor } from "@/core/actor";
import { claimNameProblem, formatRoleMapping, parseRoleMapping } from "@/core/console-sso";
import { newSecretToken } from "@/services/auth/tokens";
import { hashPassword } from "@/services/password";
import { audit } from "./audit";

type Refusal = { ok: false; message: string; errors?: Record<string, string[]> };
const FIX = "Please correct the fields marked below.";
const MAX_LIST_CHARS = 10_000;

export interface SsoSettingsInput {
  roleClaim: string;
  roleMapping: string;
  emailDomains: string;
  localPasswordsOff: boolean;
  breakGlassUserId: string | null;
}

export function saveSsoSettings(
  db: Db,
  actor: Actor,
  input: SsoSettingsInput,
  ssoConfigured: boolean,
  now: number,
): { ok: true } | Refusal {
  assertCan(actor, "team.sso");
  const errors: Record<string, string[]> = {};
  const claim = input.roleClaim.trim();
  const claimProblem = claimNameProblem(claim);
  if (claimProblem) errors.roleClaim = [claimProblem];
  const mapping =
    input.roleMapping.length > MAX_LIST_CHARS
      ? { ok: false as const, errors: ["That mapping is too long."] }
      : parseRoleMapping(input.roleMapping);
  if (!mapping.ok) errors.roleMapping = mapping.errors;
  const domains = parseDomainList(input.emailDomains.slice(0, MAX_LIST_CHARS + 1));
  if (input.emailDomains.length > MAX_LIST_CHARS) errors.emailDomains = ["That list is too long."];
  else if (domains.errors.length) errors.emailDomains = domains.errors.map((e) => e.message);
  return db.transaction((tx) => {
    if (input.localPasswordsOff) {
      const keeper = input.breakGlassUserId ? findUserById(tx, input.breakGlassUserId) : undefined;
      if (!ssoConfigured)
        errors.localPasswordsOff = [
          "Set up console single sign-on (CONSOLE_OIDC_ISSUER and CONSOLE_OIDC_CLIENT_ID) before turning passwords off.",
        ];
      if (!keeper || keeper.role !== "owner")
        errors.breakGlassUserId = ["Choose the owner who keeps a password, so someone can always sign in."];
    }
    if (Object.keys(errors).length) return { ok: false, message: FIX, errors };
    const before = getConsoleSsoSettings(tx);
    saveConsoleSsoSettings(tx, {
      roleClaim: claim,
      roleMapping: mapping.ok ? formatRoleMapping(mapping.mapping) : "",
      emailDomains: domains.entries.join("\n"),
      localPasswordsOff: input.localPasswordsOff,
      breakGlassUserId: input.localPasswordsOff ? input.breakGlassUserId : null,
      at: now,
    });
    audit(tx, actor, now, "team.sso_settings", null, {
      roleClaim: claim,
      mappings: mapping.ok ? mapping.mapping.length : 0,
      emailDomains: domains.entries.length,
      localPasswordsOff: input.localPasswordsOff,
      previouslyOff: before.localPasswordsOff,
      breakGlassUserId: input.localPasswordsOff ? input.breakGlassUserId : null,
    });
    return { ok: true };
  });
}

/** Why this member may not lose the owner role or be removed while passwords are off; null when they may. */
export function ssoProtectsMember(tx: Tx, userId: string): string | null {
  const sso = getConsoleSsoSettings(tx);
  return sso.localPasswordsOff && sso.breakGlassUserId === userId
    ? "This owner is the break-glass owner while local passwords are off. Choose another one, or turn passwords back on, first."
    : null;
}

/** An owner lets a waiting person in with a role; they sign in with SSO again to start. */
export async function approveSsoAccess(
  db: Db,
  actor: Actor,
  requestId: string,
  role: UserRole,
  now: number,
): Promise<{ ok: true; email: string } | Refusal> {
  assertCan(actor, "team.sso");
  const passwordHash = await hashPassword(newSecretToken());
  return db.transaction((tx) => {
    const request = findSsoAccessRequest(tx, requestId);
    if (!request) return { ok: false, message: "This request was already approved or dismissed." };
    if (findUserByEmail(tx, request.email)) {
      deleteSsoAccessRequest(tx, requestId);
      return { ok: false, message: `${request.email} is already a member.` };
    }
    const userId = insertUser(tx, { email: request.email, name: request.name, passwordHash, role, at: now });
    deleteSsoAccessRequest(tx, requestId);
    audit(tx, actor, now, "team.sso_approve", { type: "user", id: userId }, { email: request.email, role });
    return { ok: true, email: request.email };
  });
}

export function dismissSsoAccess(
  db: Db,
  actor: Actor,
  requestId: string,
  now: number,
): { ok: true; email: string } | Refusal {
  assertCan(actor, "team.sso");
  return db.transaction((tx) => {
    const request = findSsoAccessRequest(tx, requestId);
    if (!request || !deleteSsoAccessRequest(tx, requestId))
      return { ok: false, message: "This request was already approved or dismissed." };
    audit(tx, actor, now, "team.sso_dismiss", { type: "sso_request", id: requestId }, { email: request.email });
    return { ok: true, email: request.email };
  });
}
