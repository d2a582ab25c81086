// What earlier imports remembered, and what the database holds that an import could merge with.
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { Tx } from "../index";
import {
  componentGroups,
  components,
  importMappings,
  incidents,
  incidentTemplates,
  subscribers,
  type ImportMapping,
} from "../schema";

export function loadImportMappings(tx: Tx, source: string): ImportMapping[] {
  return tx.select().from(importMappings).where(eq(importMappings.source, source)).all();
}

/** The local id an external id was imported as (null: never, or not of this kind). */
export function importedLocalId(tx: Tx, source: string, kind: string, externalId: string): string | null {
  const row = tx
    .select({ localId: importMappings.localId })
    .from(importMappings)
    .where(
      and(eq(importMappings.source, source), eq(importMappings.kind, kind), eq(importMappings.externalId, externalId)),
    )
    .get();
  return row?.localId ?? null;
}

/** The rows an import may find again: by id (mapped earlier) or by name/address (to merge with). */
export function loadMergeCandidates(tx: Tx, pageId: string) {
  return {
    groups: tx
      .select({ id: componentGroups.id, name: componentGroups.name })
      .from(componentGroups)
      .where(eq(componentGroups.pageId, pageId))
      .all(),
    components: tx
      .select({ id: components.id, name: components.name, deletedAt: components.deletedAt })
      .from(components)
      .where(eq(components.pageId, pageId))
      .all(),
    templates: tx
      .select({ id: incidentTemplates.id, name: incidentTemplates.name })
      .from(incidentTemplates)
      .where(eq(incidentTemplates.pageId, pageId))
      .all(),
    incidents: tx
      .select({ id: incidents.id, name: incidents.name })
      .from(incidents)
      .where(eq(incidents.pageId, pageId))
      .all(),
    subscribers: tx
      .select({
        id: subscribers.id,
        kind: subscribers.kind,
        email: subscribers.email,
        webhookUrl: subscribers.webhookUrl,
        state: subscribers.state,
      })
      .from(subscribers)
      .where(eq(subscribers.pageId, pageId))
      .all(),
  };
}

/** The local ids of the incidents and maintenances a source brought in. */
export function importedIncidentIds(tx: Tx, source: string): string[] {
  return tx
    .select({ localId: importMappings.localId })
    .from(importMappings)
    .where(and(eq(importMappings.source, source), inArray(importMappings.kind, ["incident", "maintenance"])))
    .all()
    .map((r) => r.localId);
}

/** A group's services that are not deleted, in their order. */
export function listLiveComponentIdsInGroup(tx: Tx, groupId: string): string[] {
  return tx
    .select({ id: components.id })
    .from(components)
    .where(and(eq(components.groupId, groupId), isNull(components.deletedAt)))
    .orderBy(asc(components.position))
    .all()
    .map((r) => r.id);
}

/** The rows a source's update ids were imported as. */
export function importedUpdateIds(tx: Tx, source: string): Map<string, string> {
  return new Map(
    tx
      .select({ externalId: importMappings.externalId, localId: importMappings.localId })
      .from(importMappings)
      .where(and(eq(importMappings.source, source), eq(importMappings.kind, "update")))
      .all()
      .map((r) => [r.externalId, r.localId]),
  );
}
