// A service's status history rebuilt from the imported incidents' updates (services/import), so uptime bars
// look like the source's. Rows an earlier import wrote are replaced; rows of other origins stay.
import { and, asc, eq, inArray, or } from "drizzle-orm";
import type { ComponentStatus, IncidentKind } from "@/db/constants";
import type { Tx } from "../index";
import { components, componentStatusChanges, incidents, incidentUpdateComponents, incidentUpdates } from "../schema";

/**
 * Rebuilds a service's status history from the imported incidents' updates, so uptime bars look like the
 * source's: "operational" from `since`, each affected-component change at its update's time, then the
 * source's current status. Rows an earlier import wrote are replaced; rows of other origins stay.
 */
export function rebuildImportedHistory(
  tx: Tx,
  componentId: string,
  importedIncidentIds: readonly string[],
  since: number,
  current: { status: ComponentStatus; at: number },
): void {
  const mine = importedIncidentIds.length
    ? or(
        eq(componentStatusChanges.source, "import"),
        inArray(componentStatusChanges.incidentId, [...importedIncidentIds]),
      )
    : eq(componentStatusChanges.source, "import");
  tx.delete(componentStatusChanges)
    .where(and(eq(componentStatusChanges.componentId, componentId), mine))
    .run();
  const kept = tx
    .select({ status: componentStatusChanges.status, at: componentStatusChanges.at })
    .from(componentStatusChanges)
    .where(eq(componentStatusChanges.componentId, componentId))
    .all();
  const timeline = importedIncidentIds.length
    ? tx
        .select({
          status: incidentUpdateComponents.newStatus,
          at: incidentUpdates.displayAt,
          incidentId: incidents.id,
          kind: incidents.kind,
        })
        .from(incidentUpdateComponents)
        .innerJoin(incidentUpdates, eq(incidentUpdates.id, incidentUpdateComponents.updateId))
        .innerJoin(incidents, eq(incidents.id, incidentUpdates.incidentId))
        .where(
          and(eq(incidentUpdateComponents.componentId, componentId), inArray(incidents.id, [...importedIncidentIds])),
        )
        .orderBy(asc(incidentUpdates.displayAt))
        .all()
    : [];
  type Event = {
    status: ComponentStatus;
    at: number;
    incidentId: string | null;
    source: "import" | IncidentKind;
    keep?: true;
  };
  const events: Event[] = [
    ...kept.map((k) => ({ ...k, incidentId: null, source: "import" as const, keep: true as const })),
    ...(kept.length
      ? []
      : [{ status: "operational" as const, at: since, incidentId: null, source: "import" as const }]),
    ...timeline.map((t) => ({ status: t.status, at: t.at, incidentId: t.incidentId, source: t.kind })),
  ].sort((a, b) => a.at - b.at);
  const last = events.length ? events[events.length - 1] : null;
  if (last?.status !== current.status)
    events.push({
      status: current.status,
      at: Math.max(current.at, last?.at ?? 0),
      incidentId: null,
      source: "import",
    });
  let previous: ComponentStatus | null = null;
  for (const e of events) {
    if (!e.keep && e.status !== previous)
      tx.insert(componentStatusChanges)
        .values({
          componentId,
          status: e.status,
          previousStatus: previous,
          at: e.at,
          source: e.source,
          incidentId: e.incidentId,
        })
        .run();
    previous = e.status;
  }
  tx.update(components).set({ status: current.status }).where(eq(components.id, componentId)).run();
}
