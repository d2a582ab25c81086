// The rows of the service report's further measures (core/service-report-measures.ts): the services with
// their targets and status history, the machine claims that detect incidents, the period's planned work,
// the subscribers and the outbox's deliveries. `hidden` comes from hiddenFor(): what the audience may not see.
import { and, eq, gte, inArray, isNull, lt, ne, sql } from "drizzle-orm";
import type { Hidden } from "@/core/audience";
import { DETECTION_LEAD_MS } from "@/core/service-report-measures";
import type { ComponentStatus, SubscriberKind } from "../constants";
import type { Tx } from "../index";
import { notHidden } from "./audience";
import {
  componentStatusChanges,
  components,
  deliveries,
  incidents,
  incidentUpdates,
  notifications,
  statusClaims,
  subscribers,
} from "../schema";

export function reportServices(tx: Tx, pageId: string, hidden: Hidden, from: number, to: number) {
  const list = tx
    .select({
      id: components.id,
      name: components.name,
      target: components.availabilityTarget,
      startDate: components.startDate,
    })
    .from(components)
    .where(
      and(eq(components.pageId, pageId), isNull(components.deletedAt), notHidden(components.id, hidden.componentIds)),
    )
    .orderBy(components.position)
    .all();
  const ids = list.map((c) => c.id);
  if (ids.length === 0) return [];
  const inPeriod = tx
    .select({
      componentId: componentStatusChanges.componentId,
      status: componentStatusChanges.status,
      at: componentStatusChanges.at,
    })
    .from(componentStatusChanges)
    .where(
      and(
        inArray(componentStatusChanges.componentId, ids),
        gte(componentStatusChanges.at, from),
        lt(componentStatusChanges.at, to),
      ),
    )
    .all();
  // The status each service entered the period in: SQLite returns the row of max(at) for the bare columns.
  const before = tx
    .select({
      componentId: componentStatusChanges.componentId,
      status: componentStatusChanges.status,
      at: sql<number>`max(${componentStatusChanges.at})`,
    })
    .from(componentStatusChanges)
    .where(and(inArray(componentStatusChanges.componentId, ids), lt(componentStatusChanges.at, from)))
    .groupBy(componentStatusChanges.componentId)
    .all();
  const changes = new Map<string, { status: ComponentStatus; at: number }[]>(ids.map((id) => [id, []]));
  for (const r of [...before, ...inPeriod]) changes.get(r.componentId)!.push({ status: r.status, at: Number(r.at) });
  return list.map((c) => ({ ...c, changes: changes.get(c.id)! }));
}

/** Machine claims (monitor down, alert firing) that may have seen the period's incidents first. */
export function detectionClaims(tx: Tx, componentIds: readonly string[], from: number, to: number) {
  if (componentIds.length === 0) return [];
  return tx
    .select({ componentId: statusClaims.componentId, since: statusClaims.since })
    .from(statusClaims)
    .where(
      and(
        inArray(statusClaims.componentId, [...componentIds]),
        ne(statusClaims.status, "operational"),
        gte(statusClaims.since, from - DETECTION_LEAD_MS),
        lt(statusClaims.since, to),
      ),
    )
    .all();
}

export function reportMaintenances(tx: Tx, pageId: string, hidden: Hidden, from: number, to: number) {
  return tx
    .select({
      scheduledFor: sql<number>`${incidents.scheduledFor}`,
      scheduledUntil: incidents.scheduledUntil,
      resolvedAt: incidents.resolvedAt,
      cancelledAt: incidents.cancelledAt,
      reminderQueuedAt: incidents.reminderQueuedAt,
    })
    .from(incidents)
    .where(
      and(
        eq(incidents.pageId, pageId),
        eq(incidents.kind, "maintenance"),
        gte(incidents.scheduledFor, from),
        lt(incidents.scheduledFor, to),
        notHidden(incidents.id, hidden.incidentIds),
      ),
    )
    .all();
}

/** Active page subscribers (not one-incident follows) at the period's end, one row per subscriber kind. */
export function subscriberKinds(tx: Tx, pageId: string, to: number): SubscriberKind[] {
  return tx
    .select({ kind: subscribers.kind, n: sql<number>`count(*)` })
    .from(subscribers)
    .where(
      and(
        eq(subscribers.pageId, pageId),
        eq(subscribers.state, "active"),
        isNull(subscribers.followIncidentId),
        lt(subscribers.createdAt, to),
      ),
    )
    .groupBy(subscribers.kind)
    .all()
    .flatMap((r) => Array<SubscriberKind>(Number(r.n)).fill(r.kind));
}

/** The outbox rows sent in the period, with the recipients they carried and the update they announced. */
export function deliveredInPeriod(tx: Tx, pageId: string, hidden: Hidden, from: number, to: number) {
  return tx
    .select({
      recipients: sql<number>`json_array_length(${deliveries.recipients})`,
      completedAt: sql<number>`${deliveries.completedAt}`,
      updatePostedAt: incidentUpdates.createdAt,
    })
    .from(deliveries)
    .innerJoin(notifications, eq(notifications.id, deliveries.notificationId))
    .leftJoin(incidentUpdates, eq(incidentUpdates.id, notifications.incidentUpdateId))
    .where(
      and(
        eq(notifications.pageId, pageId),
        eq(deliveries.state, "sent"),
        gte(deliveries.completedAt, from),
        lt(deliveries.completedAt, to),
        hidden.incidentIds.size
          ? sql`(${notifications.incidentId} is null or ${notHidden(notifications.incidentId, hidden.incidentIds)})`
          : undefined,
      ),
    )
    .all()
    .map((r) => ({ ...r, recipients: Number(r.recipients), completedAt: Number(r.completedAt) }));
}
