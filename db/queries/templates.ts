import { and, asc, count, eq } from "drizzle-orm";
import type { Tx } from "../index";
import { incidentTemplates, type IncidentTemplate } from "../schema";

export function listTemplates(tx: Tx, pageId: string): IncidentTemplate[] {
  return tx
    .select()
    .from(incidentTemplates)
    .where(eq(incidentTemplates.pageId, pageId))
    .orderBy(asc(incidentTemplates.name), asc(incidentTemplates.id))
    .all();
}

export function findTemplate(tx: Tx, pageId: string, id: string): IncidentTemplate | null {
  return (
    tx
      .select()
      .from(incidentTemplates)
      .where(and(eq(incidentTemplates.pageId, pageId), eq(incidentTemplates.id, id)))
      .get() ?? null
  );
}

export function countTemplates(tx: Tx, pageId: string): number {
  return tx.select({ n: count() }).from(incidentTemplates).where(eq(incidentTemplates.pageId, pageId)).get()?.n ?? 0;
}
