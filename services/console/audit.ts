import type { Tx } from "@/db";
import { insertAuditEntry } from "@/db/writes/audit";
import { auditActor, type Actor } from "@/core/actor";

/** An audit entry for a console verb, by whoever acted. `detail` must never hold passwords, tokens or keys. */
export function audit(
  tx: Tx,
  actor: Actor,
  at: number,
  action: string,
  target: { type: string; id: string } | null,
  detail?: Record<string, unknown>,
): void {
  insertAuditEntry(tx, {
    at,
    ...auditActor(actor),
    action,
    targetType: target?.type ?? null,
    targetId: target?.id ?? null,
    detail: detail ?? null,
  });
}
