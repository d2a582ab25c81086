// What the precedence table needs to know about a service (core/precedence.ts).
import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import { ACTIVE_MAINTENANCE_STATUSES, UNRESOLVED_INCIDENT_STATUSES } from "@/db/constants";
import type { PrecedenceFacts } from "@/core/precedence";
import type { Tx } from "../index";
import { components, componentStatusChanges, incidentComponents, incidents, statusClaims } from "../schema";

export function openClaimsFor(tx: Tx, componentId: string) {
  return tx
    .select()
    .from(statusClaims)
    .where(and(eq(statusClaims.componentId, componentId), isNull(statusClaims.endedAt)))
    .all();
}

/** Components that have an open claim, or whose newest status came from automation: those to reconcile. */
export function componentsToReconcile(tx: Tx): string[] {
  const claimed = tx
    .selectDistinct({ id: statusClaims.componentId })
    .from(statusClaims)
    .where(isNull(statusClaims.endedAt))
    .all();
  const automated = tx
    .select({ id: components.id })
    .from(components)
    .where(
      and(
        isNull(components.deletedAt),
        eq(
          tx
            .select({ source: componentStatusChanges.source })
            .from(componentStatusChanges)
            .where(eq(componentStatusChanges.componentId, components.id))
            .orderBy(desc(componentStatusChanges.at), desc(componentStatusChanges.id))
            .limit(1),
          "automation",
        ),
      ),
    )
    .all();
  return [...new Set([...claimed, ...automated].map((r) => r.id))];
}

export function precedenceFacts(tx: Tx, componentId: string): (PrecedenceFacts & { deleted: boolean }) | null {
  const component = tx
    .select({ status: components.status, deletedAt: components.deletedAt })
    .from(components)
    .where(eq(components.id, componentId))
    .get();
  if (!component) return null;
  const listing = (kind: "incident" | "maintenance", statuses: readonly string[]) =>
    tx
      .select({ id: incidents.id })
      .from(incidentComponents)
      .innerJoin(incidents, eq(incidents.id, incidentComponents.incidentId))
      .where(
        and(
          eq(incidentComponents.componentId, componentId),
          eq(incidents.kind, kind),
          inArray(incidents.status, [...statuses] as never[]),
        ),
      )
      .limit(1)
      .get() !== undefined;
  const last = tx
    .select({ source: componentStatusChanges.source, at: componentStatusChanges.at })
    .from(componentStatusChanges)
    .where(eq(componentStatusChanges.componentId, componentId))
    .orderBy(desc(componentStatusChanges.at), desc(componentStatusChanges.id))
    .limit(1)
    .get();
  return {
    current: component.status,
    deleted: component.deletedAt !== null,
    openIncident: listing("incident", UNRESOLVED_INCIDENT_STATUSES),
    maintenanceInProgress: listing("maintenance", ACTIVE_MAINTENANCE_STATUSES),
    lastChange: last ?? null,
    claims: openClaimsFor(tx, componentId).map((c) => ({ status: c.status, since: c.since })),
  };
}
