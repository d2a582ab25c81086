import type { AuditActorType } from "@/db/constants";
import type { Tx } from "../index";
import { auditLog } from "../schema";

export interface AuditEntryInput {
  at: number;
  actorType: AuditActorType;
  actorId?: string | null;
  actorLabel: string;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  detail?: Record<string, unknown> | null;
  ip?: string | null;
}

/** Appends to the audit log. Callers pass only what is safe to keep: never passwords, tokens or keys. */
export function insertAuditEntry(tx: Tx, entry: AuditEntryInput): void {
  tx.insert(auditLog)
    .values({
      at: entry.at,
      actorType: entry.actorType,
      actorId: entry.actorId ?? null,
      actorLabel: entry.actorLabel,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      detail: entry.detail ?? null,
      ip: entry.ip ?? null,
    })
    .run();
}
