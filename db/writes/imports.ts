// The writes of an import (services/import): rows created or updated by their remembered external id, and the
// mappings that remember them. Incidents are in import-incidents.ts, the rebuilt history in import-history.ts.
// Nothing here enqueues a notification: imported history is news to nobody.
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { newId } from "@/core/ids";
import type { Tx } from "../index";
import { componentGroups, components, importMappings, pages, subscriberComponents, subscribers } from "../schema";

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

/** Forgets what a source brought in under these external ids (objects deleted at the source and pruned here). */
export function forgetImports(tx: Tx, source: string, kind: string, externalIds: readonly string[]): void {
  for (let i = 0; i < externalIds.length; i += CHUNK)
    tx.delete(importMappings)
      .where(
        and(
          eq(importMappings.source, source),
          eq(importMappings.kind, kind),
          inArray(importMappings.externalId, externalIds.slice(i, i + CHUNK)),
        ),
      )
      .run();
}

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
