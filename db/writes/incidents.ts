import { asc, eq, inArray } from "drizzle-orm";
import type { AnyIncidentStatus, ComponentStatus, Impact, IncidentKind } from "@/db/constants";
import { deriveIncidentState } from "@/core/incident";
import { newId } from "@/core/ids";
import type { Tx } from "../index";
import { components, incidentComponents, incidents, incidentUpdateComponents, incidentUpdates } from "../schema";
import { setComponentStatus } from "./components";

export interface MaintenanceWindow {
  scheduledFor: number;
  scheduledUntil: number;
  autoStart: boolean;
  autoComplete: boolean;
  remindBeforeMinutes: number | null;
  setComponentsUnderMaintenance: boolean;
}

export interface NewIncident {
  pageId: string;
  kind: IncidentKind;
  name: string;
  /** The status before any update is written. */
  status: AnyIncidentStatus;
  startedAt: number;
  at: number;
  componentIds: readonly string[];
  impactOverride?: Impact | null;
  backfilled?: boolean;
  createdBy?: string | null;
  maintenance?: MaintenanceWindow;
  recurrenceId?: string | null;
}

/** Inserts the incident row and its affected components; its timeline is written by insertIncidentUpdate. */
export function insertIncident(tx: Tx, input: NewIncident): string {
  const id = newId();
  const m = input.maintenance;
  tx.insert(incidents)
    .values({
      id,
      pageId: input.pageId,
      kind: input.kind,
      name: input.name,
      status: input.status,
      impact: input.kind === "maintenance" ? "maintenance" : (input.impactOverride ?? "none"),
      impactOverride: input.impactOverride ?? null,
      backfilled: input.backfilled ?? false,
      startedAt: input.startedAt,
      scheduledFor: m?.scheduledFor ?? null,
      scheduledUntil: m?.scheduledUntil ?? null,
      autoStart: m?.autoStart ?? false,
      autoComplete: m?.autoComplete ?? false,
      remindBeforeMinutes: m?.remindBeforeMinutes ?? null,
      setComponentsUnderMaintenance: m?.setComponentsUnderMaintenance ?? false,
      createdBy: input.createdBy ?? null,
      recurrenceId: input.recurrenceId ?? null,
      createdAt: input.at,
      updatedAt: input.at,
    })
    .run();
  if (input.componentIds.length > 0) {
    tx.insert(incidentComponents)
      .values(input.componentIds.map((componentId) => ({ incidentId: id, componentId })))
      .onConflictDoNothing()
      .run();
  }
  return id;
}

export interface NewIncidentUpdate {
  incidentId: string;
  status: AnyIncidentStatus;
  body: string;
  displayAt: number;
  at: number;
  deliverNotifications: boolean;
  /** New status per affected component; each change is recorded in the status history. */
  componentStatuses?: Readonly<Record<string, ComponentStatus>>;
  userId?: string | null;
  apiKeyId?: string | null;
}

/**
 * Writes one timeline entry: the update, each component's old and new status, the status history rows,
 * and the incident's derived status, impact and times. Call inside a transaction.
 */
export function insertIncidentUpdate(tx: Tx, input: NewIncidentUpdate): string {
  const incident = tx.select().from(incidents).where(eq(incidents.id, input.incidentId)).get();
  if (!incident) throw new Error(`No incident ${input.incidentId}`);
  const id = newId();
  tx.insert(incidentUpdates)
    .values({
      id,
      incidentId: input.incidentId,
      status: input.status,
      body: input.body,
      displayAt: input.displayAt,
      deliverNotifications: input.deliverNotifications,
      createdBy: input.userId ?? null,
      apiKeyId: input.apiKeyId ?? null,
      createdAt: input.at,
      updatedAt: input.at,
    })
    .run();

  const entries = Object.entries(input.componentStatuses ?? {});
  if (entries.length > 0) {
    const names = new Map(
      tx
        .select({ id: components.id, name: components.name })
        .from(components)
        .where(
          inArray(
            components.id,
            entries.map(([componentId]) => componentId),
          ),
        )
        .all()
        .map((c) => [c.id, c.name]),
    );
    for (const [componentId, newStatus] of entries) {
      const name = names.get(componentId);
      if (name === undefined) throw new Error(`No component ${componentId}`);
      const oldStatus = setComponentStatus(tx, componentId, newStatus, input.displayAt, {
        source: incident.kind,
        incidentId: incident.id,
        userId: input.userId,
        apiKeyId: input.apiKeyId,
      });
      tx.insert(incidentUpdateComponents)
        .values({ updateId: id, componentId, componentName: name, oldStatus, newStatus })
        .run();
      tx.insert(incidentComponents).values({ incidentId: incident.id, componentId }).onConflictDoNothing().run();
    }
  }
  refreshIncidentDerivedState(tx, incident.id, input.at);
  return id;
}

/** Recomputes the cached status, impact and milestone times of an incident from its updates. */
export function refreshIncidentDerivedState(tx: Tx, incidentId: string, at: number): void {
  const incident = tx.select().from(incidents).where(eq(incidents.id, incidentId)).get();
  if (!incident) throw new Error(`No incident ${incidentId}`);
  const updates = tx
    .select()
    .from(incidentUpdates)
    .where(eq(incidentUpdates.incidentId, incidentId))
    .orderBy(asc(incidentUpdates.displayAt))
    .all();
  const changes = updates.length
    ? tx
        .select({ updateId: incidentUpdateComponents.updateId, newStatus: incidentUpdateComponents.newStatus })
        .from(incidentUpdateComponents)
        .where(
          inArray(
            incidentUpdateComponents.updateId,
            updates.map((u) => u.id),
          ),
        )
        .all()
    : [];
  const state = deriveIncidentState(
    incident.kind,
    updates.map((u) => ({
      status: u.status,
      displayAt: u.displayAt,
      createdAt: u.createdAt,
      newComponentStatuses: changes.filter((c) => c.updateId === u.id).map((c) => c.newStatus),
    })),
    incident.impactOverride,
    incident.status,
  );
  tx.update(incidents)
    .set({ ...state, updatedAt: at })
    .where(eq(incidents.id, incidentId))
    .run();
}
