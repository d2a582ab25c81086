// An imported incident or maintenance with its timeline. A re-run updates the rows an earlier import wrote in
// place: each update row is found again by the source's update id (import_mappings), so the ids of updates
// that still exist never change (helpful votes and links point at them); new updates are added and ones
// deleted at the source are removed. Nothing here enqueues a notification.
import { and, eq, inArray } from "drizzle-orm";
import type { AnyIncidentStatus, ComponentStatus, Impact, IncidentKind } from "@/db/constants";
import { newId } from "@/core/ids";
import type { Tx } from "../index";
import {
  componentStatusChanges,
  incidentComponents,
  incidents,
  incidentUpdateComponents,
  incidentUpdates,
} from "../schema";
import { refreshIncidentDerivedState } from "./incidents";

export interface ImportedUpdate {
  /** The row an earlier import wrote for this source update (null: a new one). */
  localId: string | null;
  status: AnyIncidentStatus;
  body: string;
  displayAt: number;
  createdAt: number;
  deliverNotifications: boolean;
  affected: { componentId: string; name: string; oldStatus: ComponentStatus; newStatus: ComponentStatus }[];
}

export interface ImportedIncident {
  kind: IncidentKind;
  name: string;
  impact: Impact | "maintenance";
  impactOverride: Impact | null;
  startedAt: number;
  createdAt: number;
  updatedAt: number;
  scheduledFor: number | null;
  scheduledUntil: number | null;
  autoStart: boolean;
  autoComplete: boolean;
  remindBeforeMinutes: number | null;
  postmortemBody: string | null;
  postmortemPublishedAt: number | null;
  backfilled: boolean;
  componentIds: string[];
  updates: ImportedUpdate[];
}

/**
 * Writes an incident with its whole timeline. Updates count as already notified (notified_at = their time),
 * so nothing treats them as news. Returns the incident's id and its update rows' ids, in input order.
 */
export function writeImportedIncident(
  tx: Tx,
  pageId: string,
  id: string | null,
  input: ImportedIncident,
): { id: string; updateIds: string[] } {
  const row = {
    kind: input.kind,
    name: input.name,
    status: input.updates[input.updates.length - 1].status,
    impact: input.impact,
    impactOverride: input.impactOverride,
    backfilled: input.backfilled,
    startedAt: input.startedAt,
    scheduledFor: input.scheduledFor,
    scheduledUntil: input.scheduledUntil,
    autoStart: input.autoStart,
    autoComplete: input.autoComplete,
    remindBeforeMinutes: input.remindBeforeMinutes,
    setComponentsUnderMaintenance: input.kind === "maintenance",
    postmortemBody: input.postmortemBody,
    postmortemPublishedAt: input.postmortemPublishedAt,
    createdAt: input.createdAt,
    updatedAt: input.updatedAt,
  };
  const incidentId = id ?? newId();
  const existing = new Set<string>();
  let unmapped: { id: string; status: string; displayAt: number }[] = [];
  if (id) {
    unmapped = tx
      .select({ id: incidentUpdates.id, status: incidentUpdates.status, displayAt: incidentUpdates.displayAt })
      .from(incidentUpdates)
      .where(eq(incidentUpdates.incidentId, id))
      .all();
    for (const u of unmapped) existing.add(u.id);
    const mapped = new Set(input.updates.map((u) => u.localId));
    unmapped = unmapped.filter((u) => !mapped.has(u.id));
    tx.delete(incidentComponents).where(eq(incidentComponents.incidentId, id)).run();
    tx.update(incidents).set(row).where(eq(incidents.id, id)).run();
  } else
    tx.insert(incidents)
      .values({ id: incidentId, pageId, ...row })
      .run();
  const affected = new Set(input.componentIds);
  const updateIds: string[] = [];
  for (const u of input.updates) {
    const fields = {
      status: u.status,
      body: u.body,
      displayAt: u.displayAt,
      deliverNotifications: u.deliverNotifications,
      notifiedAt: u.displayAt,
      createdAt: u.createdAt,
      updatedAt: u.createdAt,
    };
    // A mapping to a row of another incident (or one removed here) is not this update's row: write a new one.
    // Rows written before update ids were remembered are found by their time and status instead.
    const byTime = u.localId ? undefined : unmapped.find((r) => r.displayAt === u.displayAt && r.status === u.status);
    if (byTime) unmapped = unmapped.filter((r) => r !== byTime);
    const candidate = u.localId ?? byTime?.id ?? null;
    const keep = candidate && existing.has(candidate) && !updateIds.includes(candidate) ? candidate : null;
    const updateId = keep ?? newId();
    if (keep) {
      tx.update(incidentUpdates).set(fields).where(eq(incidentUpdates.id, keep)).run();
      tx.delete(incidentUpdateComponents).where(eq(incidentUpdateComponents.updateId, keep)).run();
    } else
      tx.insert(incidentUpdates)
        .values({ id: updateId, incidentId, ...fields })
        .run();
    updateIds.push(updateId);
    for (const a of u.affected) {
      affected.add(a.componentId);
      tx.insert(incidentUpdateComponents)
        .values({
          updateId,
          componentId: a.componentId,
          componentName: a.name,
          oldStatus: a.oldStatus,
          newStatus: a.newStatus,
        })
        .onConflictDoNothing()
        .run();
    }
  }
  // Updates deleted at the source since the last import.
  const removed = [...existing].filter((u) => !updateIds.includes(u));
  if (removed.length) tx.delete(incidentUpdates).where(inArray(incidentUpdates.id, removed)).run();
  if (affected.size)
    tx.insert(incidentComponents)
      .values([...affected].map((componentId) => ({ incidentId, componentId })))
      .run();
  refreshIncidentDerivedState(tx, incidentId, input.updatedAt);
  // Statuspage's impact is what its visitors saw; keep it when our derivation from statuses differs.
  if (input.kind === "incident") {
    const derived = tx.select({ impact: incidents.impact }).from(incidents).where(eq(incidents.id, incidentId)).get()!;
    if (derived.impact !== input.impact)
      tx.update(incidents)
        .set({ impact: input.impact, impactOverride: input.impact as Impact })
        .where(eq(incidents.id, incidentId))
        .run();
  }
  return { id: incidentId, updateIds };
}

/**
 * Removes an imported incident deleted at the source (--prune): its history rows first, so rebuilding the
 * services' history afterwards no longer shows it; its updates, votes and links go with it (cascades).
 */
export function deleteImportedIncident(tx: Tx, pageId: string, id: string): void {
  tx.delete(componentStatusChanges).where(eq(componentStatusChanges.incidentId, id)).run();
  tx.delete(incidents)
    .where(and(eq(incidents.id, id), eq(incidents.pageId, pageId)))
    .run();
}
