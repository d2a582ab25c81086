import { and, desc, eq, isNull, lte, sql } from "drizzle-orm";
import type { ClaimSource, ComponentStatus, StatusSource } from "@/db/constants";
import { newId } from "@/core/ids";
import type { Tx } from "../index";
import { hasLiveWebhooks } from "../queries/webhooks";
import { enqueueNotification } from "./outbox";
import { componentGroups, components, componentStatusChanges, type Component } from "../schema";

/**
 * What a component_updated notification records: the change and the component as it was right after it. The
 * webhook service turns it into the spec's payload at fan-out (services/webhooks/fan-out.ts); db/ knows no wire format.
 */
export interface ComponentStatusChange {
  /** The component_update id receivers see. */
  id: string;
  oldStatus: ComponentStatus;
  newStatus: ComponentStatus;
  at: number;
  component: Component;
}

export interface StatusActor {
  source: StatusSource;
  incidentId?: string | null;
  userId?: string | null;
  apiKeyId?: string | null;
  /** Source "automation": the claimant (a monitor or an integration) whose claim made the change. */
  claimSource?: ClaimSource | null;
  claimSourceId?: string | null;
}

/**
 * The only way a component's status changes: a history row, and the component's cached status, together.
 * `at` may lie in the past (a backfilled incident): the row is placed in the history by its time, and the
 * cached status stays that of the newest row. When the current status changes by a person's or a schedule's
 * doing (manual, incident, maintenance, API), a component_updated notification for webhook subscribers is
 * recorded in the same transaction. A change made by automation (a monitor or an alert claiming a status)
 * notifies nobody: subscribers hear of automatic findings only through an incident, so a flapping check
 * never becomes a notification storm (issue 13). Otherwise: the change itself (ComponentStatusChange), here because every path that
 * changes a status passes through this function. Returns the status the component had at `at`; a change to
 * the status it already had then writes nothing.
 */
export function setComponentStatus(
  tx: Tx,
  componentId: string,
  status: ComponentStatus,
  at: number,
  actor: StatusActor,
): ComponentStatus {
  const current = tx
    .select({ status: components.status, updatedAt: components.updatedAt })
    .from(components)
    .where(eq(components.id, componentId))
    .get();
  if (!current) throw new Error(`No component ${componentId}`);
  const before = tx
    .select({ status: componentStatusChanges.status })
    .from(componentStatusChanges)
    .where(and(eq(componentStatusChanges.componentId, componentId), lte(componentStatusChanges.at, at)))
    .orderBy(desc(componentStatusChanges.at), desc(componentStatusChanges.id))
    .limit(1)
    .get();
  const previous = before?.status ?? current.status;
  if (previous === status) return previous;
  tx.insert(componentStatusChanges)
    .values({
      componentId,
      status,
      previousStatus: previous,
      at,
      source: actor.source,
      incidentId: actor.incidentId ?? null,
      userId: actor.userId ?? null,
      apiKeyId: actor.apiKeyId ?? null,
      claimSource: actor.claimSource ?? null,
      claimSourceId: actor.claimSourceId ?? null,
    })
    .run();
  const newest = tx
    .select({ status: componentStatusChanges.status, at: componentStatusChanges.at })
    .from(componentStatusChanges)
    .where(eq(componentStatusChanges.componentId, componentId))
    .orderBy(desc(componentStatusChanges.at), desc(componentStatusChanges.id))
    .limit(1)
    .get()!;
  tx.update(components)
    .set({ status: newest.status, updatedAt: Math.max(current.updatedAt, at) })
    .where(eq(components.id, componentId))
    .run();
  if (newest.status !== current.status && actor.source !== "automation")
    enqueueComponentUpdated(tx, componentId, current.status, newest.status, at);
  return previous;
}

/**
 * Records a status change for the webhooks, captured now (the component as it is after the change). Skipped
 * when the page has no live webhook: email subscribers never get component_updated, so nobody would receive it.
 */
function enqueueComponentUpdated(
  tx: Tx,
  componentId: string,
  oldStatus: ComponentStatus,
  newStatus: ComponentStatus,
  at: number,
): void {
  const component = tx.select().from(components).where(eq(components.id, componentId)).get()!;
  if (!hasLiveWebhooks(tx, component.pageId)) return;
  const change: ComponentStatusChange = { id: newId(), oldStatus, newStatus, at, component };
  enqueueNotification(tx, { pageId: component.pageId, kind: "component_updated", at, payload: { change } });
}

/** The next free top-level position: groups and ungrouped components share one ordering. */
export function nextTopLevelPosition(tx: Tx, pageId: string): number {
  const groups = tx
    .select({ max: sql<number>`coalesce(max(${componentGroups.position}), 0)` })
    .from(componentGroups)
    .where(eq(componentGroups.pageId, pageId))
    .get();
  const loose = tx
    .select({ max: sql<number>`coalesce(max(${components.position}), 0)` })
    .from(components)
    .where(and(eq(components.pageId, pageId), isNull(components.groupId), isNull(components.deletedAt)))
    .get();
  return Math.max(groups?.max ?? 0, loose?.max ?? 0) + 1;
}

export function nextPositionInGroup(tx: Tx, groupId: string): number {
  const row = tx
    .select({ max: sql<number>`coalesce(max(${components.position}), 0)` })
    .from(components)
    .where(and(eq(components.groupId, groupId), isNull(components.deletedAt)))
    .get();
  return (row?.max ?? 0) + 1;
}

export function insertGroup(
  tx: Tx,
  input: { pageId: string; name: string; description?: string | null; at: number },
): string {
  const id = newId();
  tx.insert(componentGroups)
    .values({
      id,
      pageId: input.pageId,
      name: input.name,
      description: input.description ?? null,
      position: nextTopLevelPosition(tx, input.pageId),
      createdAt: input.at,
      updatedAt: input.at,
    })
    .run();
  return id;
}

export interface NewComponent {
  pageId: string;
  groupId?: string | null;
  name: string;
  description?: string | null;
  showcase?: boolean;
  onlyShowIfDegraded?: boolean;
  showResponseTime?: boolean;
  /** Percent; the column's default (99.9) when not given. */
  availabilityTarget?: number;
  startDate?: string | null;
  status?: ComponentStatus;
  at: number;
  actor: StatusActor;
}

/** Creates a component with its first status history row. */
export function insertComponent(tx: Tx, input: NewComponent): string {
  const id = newId();
  const status = input.status ?? "operational";
  tx.insert(components)
    .values({
      id,
      pageId: input.pageId,
      groupId: input.groupId ?? null,
      name: input.name,
      description: input.description ?? null,
      position: input.groupId ? nextPositionInGroup(tx, input.groupId) : nextTopLevelPosition(tx, input.pageId),
      showcase: input.showcase ?? true,
      onlyShowIfDegraded: input.onlyShowIfDegraded ?? false,
      showResponseTime: input.showResponseTime ?? false,
      availabilityTarget: input.availabilityTarget,
      startDate: input.startDate ?? null,
      status,
      createdAt: input.at,
      updatedAt: input.at,
    })
    .run();
  tx.insert(componentStatusChanges)
    .values({
      componentId: id,
      status,
      previousStatus: null,
      at: input.at,
      source: input.actor.source,
      incidentId: input.actor.incidentId ?? null,
      userId: input.actor.userId ?? null,
      apiKeyId: input.actor.apiKeyId ?? null,
    })
    .run();
  return id;
}
