// Writes behind the incident and maintenance verbs (services/incidents): claims, windows, edits.
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { UNRESOLVED_INCIDENT_STATUSES, type AnyIncidentStatus, type ComponentStatus } from "@/db/constants";
import type { Tx } from "../index";
import { components, incidentComponents, incidents, incidentUpdates } from "../schema";
import { refreshIncidentDerivedState } from "./incidents";

/**
 * Claims a transition: succeeds for exactly one caller while the incident is still in `from`, so two
 * processes ticking at once make each transition once. Run it first inside the transaction that writes it.
 */
export function claimTransition(tx: Tx, incidentId: string, from: readonly AnyIncidentStatus[], at: number): boolean {
  const result = tx
    .update(incidents)
    .set({ updatedAt: at })
    .where(and(eq(incidents.id, incidentId), inArray(incidents.status, [...from])))
    .run();
  return result.changes === 1;
}

/** Claims the reminder of a maintenance; true for exactly one caller. */
export function claimReminder(tx: Tx, incidentId: string, at: number): boolean {
  const result = tx
    .update(incidents)
    .set({ reminderQueuedAt: at })
    .where(and(eq(incidents.id, incidentId), eq(incidents.status, "scheduled"), isNull(incidents.reminderQueuedAt)))
    .run();
  return result.changes === 1;
}

export function affectedComponents(tx: Tx, incidentId: string) {
  return tx
    .select({
      id: components.id,
      name: components.name,
      status: components.status,
      statusBefore: incidentComponents.statusBefore,
      deletedAt: components.deletedAt,
    })
    .from(incidentComponents)
    .innerJoin(components, eq(components.id, incidentComponents.componentId))
    .where(eq(incidentComponents.incidentId, incidentId))
    .all();
}

export function rememberStatusBefore(tx: Tx, incidentId: string, componentId: string, status: ComponentStatus): void {
  tx.update(incidentComponents)
    .set({ statusBefore: status })
    .where(and(eq(incidentComponents.incidentId, incidentId), eq(incidentComponents.componentId, componentId)))
    .run();
}

/** Components affected by an unresolved incident (other than `exceptIncidentId`). */
export function componentsInOpenIncidents(tx: Tx, exceptIncidentId?: string): Set<string> {
  const rows = tx
    .select({ componentId: incidentComponents.componentId })
    .from(incidentComponents)
    .innerJoin(incidents, eq(incidents.id, incidentComponents.incidentId))
    .where(
      and(
        eq(incidents.kind, "incident"),
        inArray(incidents.status, [...UNRESOLVED_INCIDENT_STATUSES]),
        exceptIncidentId ? sql`${incidents.id} <> ${exceptIncidentId}` : undefined,
      ),
    )
    .all();
  return new Set(rows.map((r) => r.componentId));
}

/** Moves a window; raises the calendar SEQUENCE and re-arms the reminder. */
export function moveWindow(
  tx: Tx,
  incidentId: string,
  window: { scheduledFor: number; scheduledUntil: number },
  at: number,
): void {
  tx.update(incidents)
    .set({
      scheduledFor: window.scheduledFor,
      scheduledUntil: window.scheduledUntil,
      startedAt: window.scheduledFor,
      sequence: sql`${incidents.sequence} + 1`,
      reminderQueuedAt: null,
      updatedAt: at,
    })
    .where(eq(incidents.id, incidentId))
    .run();
}

export function markCancelled(tx: Tx, incidentId: string, at: number): void {
  tx.update(incidents)
    .set({ cancelledAt: at, sequence: sql`${incidents.sequence} + 1`, updatedAt: at })
    .where(eq(incidents.id, incidentId))
    .run();
}

export function setUpdateBody(tx: Tx, updateId: string, body: string, at: number): void {
  tx.update(incidentUpdates).set({ body, editedAt: at, updatedAt: at }).where(eq(incidentUpdates.id, updateId)).run();
}

/** Deletes one timeline entry and re-derives the incident's status from what remains. */
export function deleteUpdate(tx: Tx, updateId: string, incidentId: string, at: number): void {
  tx.delete(incidentUpdates).where(eq(incidentUpdates.id, updateId)).run();
  refreshIncidentDerivedState(tx, incidentId, at);
}

export function setPostmortem(
  tx: Tx,
  incidentId: string,
  body: string | null,
  publishedAt: number | null,
  at: number,
): void {
  tx.update(incidents)
    .set({ postmortemBody: body, postmortemPublishedAt: publishedAt, updatedAt: at })
    .where(eq(incidents.id, incidentId))
    .run();
}
