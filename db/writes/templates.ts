import { and, eq } from "drizzle-orm";
import type { ComponentStatus, PostableIncidentStatus } from "@/db/constants";
import { newId } from "@/core/ids";
import type { Tx } from "../index";
import { incidentTemplates } from "../schema";

export interface TemplateFields {
  name: string;
  title: string;
  body: string;
  status: PostableIncidentStatus;
  componentIds: string[];
  componentStatus: ComponentStatus;
}

export function insertTemplate(tx: Tx, pageId: string, fields: TemplateFields, at: number): string {
  const id = newId();
  tx.insert(incidentTemplates)
    .values({ id, pageId, ...fields, createdAt: at, updatedAt: at })
    .run();
  return id;
}

export function updateTemplate(tx: Tx, pageId: string, id: string, fields: TemplateFields, at: number): boolean {
  return (
    tx
      .update(incidentTemplates)
      .set({ ...fields, updatedAt: at })
      .where(and(eq(incidentTemplates.pageId, pageId), eq(incidentTemplates.id, id)))
      .run().changes === 1
  );
}

export function deleteTemplate(tx: Tx, pageId: string, id: string): boolean {
  return (
    tx
      .delete(incidentTemplates)
      .where(and(eq(incidentTemplates.pageId, pageId), eq(incidentTemplates.id, id)))
      .run().changes === 1
  );
}
