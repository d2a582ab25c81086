// Who may do what. Pure, so client components and tests can use it too.
import type { UserRole } from "@/db/constants";

const RANK: Record<UserRole, number> = { editor: 1, admin: 2, owner: 3 };

/** Whether a member with `role` may do what needs at least `needed`. */
export function hasRole(role: UserRole, needed: UserRole): boolean {
  return RANK[role] >= RANK[needed];
}

/** Only owners may grant, change or take away the owner role. */
export function canManageMember(actor: UserRole, targetCurrent: UserRole, targetNew?: UserRole): boolean {
  if (!hasRole(actor, "admin")) return false;
  if (actor === "owner") return true;
  return targetCurrent !== "owner" && targetNew !== "owner";
}
