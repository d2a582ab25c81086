// Who is acting: a signed-in member, an API key, or the server's own automation. Every domain verb takes one,
// checks it, and records it (status history, audit log).
import type { ApiKeyRole, UserRole } from "@/db/constants";
import { DomainError } from "./errors";

export type Actor =
  | { type: "user"; userId: string; label: string; role: UserRole; ip?: string | null }
  | { type: "api_key"; apiKeyId: string; label: string; role: ApiKeyRole }
  | { type: "system"; label: "automation" };

export const SYSTEM: Actor = { type: "system", label: "automation" };

/** Capabilities used by the incident and maintenance verbs. */
export type Capability = "incidents.write" | "incidents.delete_update";

export function can(actor: Actor, capability: Capability): boolean {
  if (actor.type === "system") return true;
  if (actor.type === "api_key") return capability === "incidents.write" ? actor.role !== "read" : actor.role === "admin";
  return capability === "incidents.write" ? true : actor.role === "owner" || actor.role === "admin";
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

export function auditActor(actor: Actor) {
  return {
    actorType: actor.type,
    actorId: actor.type === "user" ? actor.userId : actor.type === "api_key" ? actor.apiKeyId : null,
    actorLabel: actor.label,
    ip: actor.type === "user" ? (actor.ip ?? null) : null,
  };
}
