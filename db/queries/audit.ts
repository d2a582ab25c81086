import { and, desc, eq, lt, sql, type SQL } from "drizzle-orm";
import type { Tx } from "../index";
import { auditLog } from "../schema";

export interface AuditFilter {
  /** Exact action, e.g. "auth.sign_in_failed", or a prefix ending in "." such as "auth.". */
  action?: string;
  /** Part of the actor's email or key name. */
  actor?: string;
  /** Entries older than this id (paging). */
  beforeId?: number;
}

export function listAuditEntries(tx: Tx, filter: AuditFilter, limit = 100) {
  const where: SQL[] = [];
  if (filter.action)
    where.push(
      filter.action.endsWith(".")
        ? sql`${auditLog.action} like ${`${escapeLike(filter.action)}%`} escape '\\'`
        : eq(auditLog.action, filter.action),
    );
  if (filter.actor)
    where.push(sql`${auditLog.actorLabel} like ${`%${escapeLike(filter.actor.toLowerCase())}%`} escape '\\'`);
  if (filter.beforeId) where.push(lt(auditLog.id, filter.beforeId));
  return tx
    .select()
    .from(auditLog)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(limit)
    .all();
}

export function listAuditActions(tx: Tx): string[] {
  return tx
    .selectDistinct({ action: auditLog.action })
    .from(auditLog)
    .orderBy(auditLog.action)
    .all()
    .map((r) => r.action);
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
