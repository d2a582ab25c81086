import type { Tx } from "@/db";
import { insertAuditEntry } from "@/db/writes/audit";

/** Who is acting, as the domain functions need it. */
export interface Actor {
  id: string;
  email: string;
  ip?: string | null;
}

/** An audit entry for a member's action. `detail` must never hold passwords, tokens or keys. */
export function auditByMember(
  tx: Tx,
  actor: Actor,
  at: number,
  action: string,
  target: { type: string; id: string } | null,
  detail?: Record<string, unknown>,
): void {
  insertAuditEntry(tx, {
    at,
    actorType: "user",
    actorId: actor.id,
    actorLabel: actor.email,
    action,
    targetType: target?.type ?? null,
    targetId: target?.id ?? null,
    detail: detail ?? null,
    ip: actor.ip ?? null,
  });
}
