// Who is acting: a signed-in member, an API key, or the server's own automation. Every domain verb takes one,
// checks it, and records it (status history, audit log).
import type { ApiKeyRole, StatusSource, UserRole } from "@/db/constants";
import { DomainError } from "./errors";

export type Actor =
  | { type: "user"; userId: string; label: string; role: UserRole; ip?: string | null }
  | { type: "api_key"; apiKeyId: string; label: string; role: ApiKeyRole }
  | { type: "system"; label: "automation" };

export const SYSTEM: Actor = { type: "system", label: "automation" };

/**
 * What a verb may need. Editors (members and keys) post incidents, maintenance and updates only; admins also
 * change services, settings and the team (but not owners: see services/auth/roles.ts); only owners require
 * two-factor sign-in and manage API keys. A key never manages people, settings or other keys.
 */
export type Capability =
  | "incidents.write"
  | "incidents.delete_update"
  | "services.write"
  | "settings.write"
  | "team.manage"
  | "team.require_two_factor"
  | "api_keys.manage"
  | "team.sso";

const EDITOR: readonly Capability[] = ["incidents.write"];
const ADMIN: readonly Capability[] = [
  ...EDITOR,
  "incidents.delete_update",
  "services.write",
  "settings.write",
  "team.manage",
];

const MEMBER_CAN: Record<UserRole, readonly Capability[]> = {
  editor: EDITOR,
  admin: ADMIN,
  owner: [...ADMIN, "team.require_two_factor", "api_keys.manage", "team.sso"],
};

const KEY_CAN: Record<ApiKeyRole, readonly Capability[]> = {
  read: [],
  editor: EDITOR,
  admin: [...EDITOR, "incidents.delete_update", "services.write"],
};

export function can(actor: Actor, capability: Capability): boolean {
  if (actor.type === "system") return true;
  const allowed = actor.type === "user" ? MEMBER_CAN[actor.role] : KEY_CAN[actor.role];
  return allowed.includes(capability);
}

export function assertCan(actor: Actor, capability: Capability): void {
  if (!can(actor, capability)) throw new DomainError("forbidden", "You are not allowed to do this");
}

/** The columns a write records about its actor. */
export function actorColumns(actor: Actor): { userId: string | null; apiKeyId: string | null } {
  return {
    userId: actor.type === "user" ? actor.userId : null,
    apiKeyId: actor.type === "api_key" ? actor.apiKeyId : null,
  };
}

/** How a status change made directly (not through an incident) is recorded in the history. */
export function statusChangeBy(actor: Actor): { source: StatusSource; userId: string | null; apiKeyId: string | null } {
  const source = actor.type === "user" ? "manual" : actor.type === "api_key" ? "api" : "automation";
  return { source, ...actorColumns(actor) };
}

export function auditActor(actor: Actor) {
  return {
    actorType: actor.type,
    actorId: actor.type === "user" ? actor.userId : actor.type === "api_key" ? actor.apiKeyId : null,
    actorLabel: actor.label,
    ip: actor.type === "user" ? (actor.ip ?? null) : null,
  };
}
