// The writes of an import (services/import): rows created or updated by their remembered external id, incident
// timelines replaced whole, and each imported service's status history rebuilt from the imported updates.
// Nothing here enqueues a notification: imported history is news to nobody.
import { and, asc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { AnyIncidentStatus, ComponentStatus, Impact, IncidentKind } from "@/db/constants";
import { newId } from "@/core/ids";
import type { Tx } from "../index";
import {
  componentGroups,
  components,
  componentStatusChanges,
  importMappings,
  incidentComponents,
  incidents,
  incidentUpdateComponents,
  incidentUpdates,
  pages,
  subscriberComponents,
  subscribers,
} from "../schema";
import { refreshIncidentDerivedState } from "./incidents";

export function rememberImport(
  tx: Tx,
  row: { source: string; kind: string; externalId: string; localId: string; fingerprint: string; at: number },
): void {
  tx.insert(importMappings)
    .values({ ...row, importedAt: row.at })
    .onConflictDoUpdate({
      target: [importMappings.source, importMappings.kind, importMappings.externalId],
      set: { localId: row.localId, fingerprint: row.fingerprint, importedAt: row.at },
    })
    .run();
}

/** Many at once: one statement per chunk (an import remembers thousands of subscribers). */
export function rememberImports(
  tx: Tx,
  rows: { source: string; kind: string; externalId: string; localId: string; fingerprint: string; at: number }[],
): void {
  for (let i = 0; i < rows.length; i += CHUNK)
    tx.insert(importMappings)
      .values(rows.slice(i, i + CHUNK).map(({ at, ...r }) => ({ ...r, importedAt: at })))
      .onConflictDoUpdate({
        target: [importMappings.source, importMappings.kind, importMappings.externalId],
        set: {
          localId: sql`excluded.local_id`,
          fingerprint: sql`excluded.fingerprint`,
          importedAt: sql`excluded.imported_at`,
        },
      })
      .run();
}

const CHUNK = 200;

export function importPageSettings(
  tx: Tx,
  pageId: string,
  fields: { name: string; timeZone?: string; url?: string | null; supportUrl?: string | null },
  at: number,
): void {
  tx.update(pages)
    .set({ ...fields, updatedAt: at })
    .where(eq(pages.id, pageId))
    .run();
}

export function upsertImportedGroup(
  tx: Tx,
  pageId: string,
  id: string | null,
  fields: { name: string; description: string | null; position: number },
  at: number,
): string {
  if (id) {
    tx.update(componentGroups)
      .set({ ...fields, updatedAt: at })
      .where(eq(componentGroups.id, id))
      .run();
    return id;
  }
  const created = newId();
  tx.insert(componentGroups)
    .values({ id: created, pageId, ...fields, createdAt: at, updatedAt: at })
    .run();
  return created;
}

export interface ImportedComponentFields {
  name: string;
  description: string | null;
  groupId: string | null;
  position: number;
  showcase: boolean;
  onlyShowIfDegraded: boolean;
  startDate: string | null;
  createdAt: number;
}

/** The component row only; its status comes from rebuildImportedHistory. A deleted one is brought back. */
export function upsertImportedComponent(
  tx: Tx,
  pageId: string,
  id: string | null,
  fields: ImportedComponentFields,
  at: number,
): string {
  const { createdAt, ...rest } = fields;
  if (id) {
    tx.update(components)
      .set({ ...rest, deletedAt: null, updatedAt: at })
      .where(eq(components.id, id))
      .run();
    return id;
  }
  const created = newId();
  tx.insert(components)
    .values({ id: created, pageId, ...rest, status: "operational", createdAt, updatedAt: at })
    .run();
  return created;
}

/** Puts the page's top-level rows and each group's members in the given order, after the ordered ones the rest. */
export function orderTopLevel(tx: Tx, pageId: string, orderedIds: readonly string[], at: number): void {
  const groups = tx
    .select({ id: componentGroups.id, position: componentGroups.position })
    .from(componentGroups)
    .where(eq(componentGroups.pageId, pageId))
    .all();
  const loose = tx
    .select({ id: components.id, position: components.position })
    .from(components)
    .where(and(eq(components.pageId, pageId), isNull(components.groupId), isNull(components.deletedAt)))
    .all();
  const rest = [...groups, ...loose]
    .filter((r) => !orderedIds.includes(r.id))
    .sort((a, b) => a.position - b.position)
    .map((r) => r.id);
  const groupIds = new Set(groups.map((g) => g.id));
  [...orderedIds, ...rest].forEach((id, i) => {
    const table = groupIds.has(id) ? componentGroups : components;
    tx.update(table)
      .set({ position: i + 1, updatedAt: at })
      .where(and(eq(table.id, id), sql`${table.position} <> ${i + 1}`))
      .run();
  });
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
  updates: {
    status: AnyIncidentStatus;
    body: string;
    displayAt: number;
    createdAt: number;
    deliverNotifications: boolean;
    affected: { componentId: string; name: string; oldStatus: ComponentStatus; newStatus: ComponentStatus }[];
  }[];
}

/**
 * Writes an incident with its whole timeline, replacing what an earlier import wrote for it. Updates count
 * as already notified (notified_at = their time), so nothing treats them as news.
 */
export function replaceImportedIncident(tx: Tx, pageId: string, id: string | null, input: ImportedIncident): string {
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
  if (id) {
    tx.delete(incidentUpdates).where(eq(incidentUpdates.incidentId, id)).run();
    tx.delete(incidentComponents).where(eq(incidentComponents.incidentId, id)).run();
    tx.update(incidents).set(row).where(eq(incidents.id, id)).run();
  } else
    tx.insert(incidents)
      .values({ id: incidentId, pageId, ...row })
      .run();
  const affected = new Set(input.componentIds);
  for (const u of input.updates) {
    const updateId = newId();
    tx.insert(incidentUpdates)
      .values({
        id: updateId,
        incidentId,
        status: u.status,
        body: u.body,
        displayAt: u.displayAt,
        deliverNotifications: u.deliverNotifications,
        notifiedAt: u.displayAt,
        createdAt: u.createdAt,
        updatedAt: u.createdAt,
      })
      .run();
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
  return incidentId;
}

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

export interface ImportedSubscriber {
  kind: "email" | "webhook";
  email: string | null;
  webhookUrl: string | null;
  /** A new signing key for a webhook (Statuspage's webhooks are unsigned, so there is none to carry over). */
  webhookSecret: string | null;
  componentIds: string[];
  createdAt: number;
}

/**
 * Subscribers who already opted in at the source: active and confirmed as of their sign-up there. Written a
 * chunk per statement; returns their ids in order.
 */
export function insertImportedSubscribers(tx: Tx, pageId: string, inputs: ImportedSubscriber[], at: number): string[] {
  const ids = inputs.map(() => newId());
  const rows = inputs.map((input, i) => ({
    id: ids[i],
    pageId,
    kind: input.kind,
    email: input.email?.toLowerCase() ?? null,
    webhookUrl: input.webhookUrl,
    webhookSecret: input.webhookSecret,
    state: "active" as const,
    allComponents: input.componentIds.length === 0,
    confirmedAt: input.createdAt || at,
    origin: "import",
    createdAt: input.createdAt || at,
    updatedAt: at,
  }));
  const scopes = inputs.flatMap((input, i) =>
    input.componentIds.map((componentId) => ({ subscriberId: ids[i], componentId })),
  );
  for (let i = 0; i < rows.length; i += CHUNK)
    tx.insert(subscribers)
      .values(rows.slice(i, i + CHUNK))
      .run();
  for (let i = 0; i < scopes.length; i += CHUNK)
    tx.insert(subscriberComponents)
      .values(scopes.slice(i, i + CHUNK))
      .run();
  return ids;
}
