// The automatic incident of a service (at most one open: a partial unique index). services/monitors/automation.ts
// decides; these only write.
import { and, asc, eq, ne } from "drizzle-orm";
import type { ClaimSource, ComponentStatus } from "@/db/constants";
import { newId } from "@/core/ids";
import type { Tx } from "../index";
import { automaticIncidents, incidentUpdates, type AutomaticIncident } from "../schema";

export function openAutomaticIncident(tx: Tx, componentId: string): AutomaticIncident | null {
  return (
    tx
      .select()
      .from(automaticIncidents)
      .where(and(eq(automaticIncidents.componentId, componentId), ne(automaticIncidents.state, "ended")))
      .get() ?? null
  );
}

export function findAutomaticIncident(tx: Tx, id: string): AutomaticIncident | null {
  return tx.select().from(automaticIncidents).where(eq(automaticIncidents.id, id)).get() ?? null;
}

export function insertAutomaticIncident(
  tx: Tx,
  input: {
    componentId: string;
    source: ClaimSource;
    sourceId: string;
    state: "draft" | "published";
    title: string;
    body: string;
    componentStatus: ComponentStatus;
    templateId: string | null;
    incidentId?: string | null;
    at: number;
  },
): string {
  const id = newId();
  tx.insert(automaticIncidents)
    .values({ id, ...input, incidentId: input.incidentId ?? null, createdAt: input.at, updatedAt: input.at })
    .run();
  return id;
}

export function markPublished(tx: Tx, id: string, incidentId: string, at: number): void {
  tx.update(automaticIncidents)
    .set({ state: "published", incidentId, updatedAt: at })
    .where(eq(automaticIncidents.id, id))
    .run();
}

export function endAutomaticIncident(
  tx: Tx,
  id: string,
  at: number,
  how: { recovered?: boolean; takenOver?: boolean } = {},
): void {
  tx.update(automaticIncidents)
    .set({
      state: "ended",
      endedAt: at,
      updatedAt: at,
      ...(how.recovered ? { recoveredAt: at } : {}),
      ...(how.takenOver ? { takenOverAt: at } : {}),
    })
    .where(eq(automaticIncidents.id, id))
    .run();
}

/**
 * Whether people have taken the incident over: a member or API key posted an update other than the first (the
 * first may be the admin's publication of a draft), or corrected any update (automation never edits).
 */
export function editedByPeople(tx: Tx, incidentId: string): boolean {
  const updates = tx
    .select({
      createdBy: incidentUpdates.createdBy,
      apiKeyId: incidentUpdates.apiKeyId,
      editedAt: incidentUpdates.editedAt,
    })
    .from(incidentUpdates)
    .where(eq(incidentUpdates.incidentId, incidentId))
    .orderBy(asc(incidentUpdates.displayAt), asc(incidentUpdates.createdAt))
    .all();
  return (
    updates.some((u) => u.editedAt !== null) ||
    updates.slice(1).some((u) => u.createdBy !== null || u.apiKeyId !== null)
  );
}
