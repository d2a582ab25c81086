// Console single sign-on rules (issue #15), pure: the role mapping an owner writes ("claim value = role", one
// per line), the role a provider's claim values earn, and who may still sign in with a local password.
import { USER_ROLES, type UserRole } from "@/db/constants";
import { textCharacterProblem } from "./text-input";

export const SSO_LIMITS = { mappingLines: 50, claimValue: 200, claimName: 60 } as const;
const RANK: Record<UserRole, number> = { editor: 1, admin: 2, owner: 3 };
const CLAIM_NAME = /^[A-Za-z0-9_.:/-]+$/;

export interface RoleMapping {
  value: string;
  role: UserRole;
}

/** Why a claim name is not usable, or null. */
export function claimNameProblem(name: string): string | null {
  if (!name) return "Enter the claim that carries groups or roles, e.g. groups.";
  if (name.length > SSO_LIMITS.claimName) return `Keep the claim name to ${SSO_LIMITS.claimName} characters.`;
  if (!CLAIM_NAME.test(name)) return "A claim name is letters, digits and _ . : / - only, e.g. groups or roles.";
  return null;
}

/** Parses the mapping text; every problem names its line, and nothing is accepted while any line is wrong. */
export function parseRoleMapping(text: string): { ok: true; mapping: RoleMapping[] } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const mapping: RoleMapping[] = [];
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const used = lines.filter((l) => l.trim()).length;
  if (used > SSO_LIMITS.mappingLines) return { ok: false, errors: [`At most ${SSO_LIMITS.mappingLines} lines.`] };
  const seen = new Set<string>();
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const at = `Line ${i + 1}`;
    const problem = textCharacterProblem(line, false);
    if (problem) return void errors.push(`${at}: ${problem}`);
    const eq = line.lastIndexOf("=");
    if (eq < 0) return void errors.push(`${at}: write "group = role", e.g. "status-admins = admin".`);
    const value = line.slice(0, eq).trim();
    const role = line
      .slice(eq + 1)
      .trim()
      .toLowerCase();
    if (!value) return void errors.push(`${at}: the claim value before "=" is empty.`);
    if (value.length > SSO_LIMITS.claimValue)
      return void errors.push(`${at}: keep the claim value to ${SSO_LIMITS.claimValue} characters.`);
    if (!(USER_ROLES as readonly string[]).includes(role))
      return void errors.push(`${at}: "${role}" is not a role; use owner, admin or editor.`);
    if (seen.has(value)) return void errors.push(`${at}: "${value}" is mapped twice.`);
    seen.add(value);
    mapping.push({ value, role: role as UserRole });
  });
  return errors.length ? { ok: false, errors } : { ok: true, mapping };
}

/** The mapping as the console shows and stores it. */
export const formatRoleMapping = (mapping: RoleMapping[]) => mapping.map((m) => `${m.value} = ${m.role}`).join("\n");

/** The highest role any of the member's claim values maps to; null when none does. */
export function mappedRole(mapping: RoleMapping[], values: string[]): UserRole | null {
  let best: UserRole | null = null;
  for (const m of mapping) if (values.includes(m.value) && (!best || RANK[m.role] > RANK[best])) best = m.role;
  return best;
}

export interface PasswordPolicy {
  localPasswordsOff: boolean;
  breakGlassUserId: string | null;
}

/** Whether this member may sign in with a local password under the policy. */
export function passwordSignInAllowed(policy: PasswordPolicy, userId: string): boolean {
  return !policy.localPasswordsOff || policy.breakGlassUserId === userId;
}
