// --prune (the console's "also remove what is gone at the source"): removes what an earlier import brought in
// and the source no longer has. Services are soft-deleted as the console deletes them (their history stays
// for the uptime of incidents that named them); a group is deleted keeping whatever services remain in it;
// incidents and maintenances are deleted with their timelines. Their mappings are forgotten.
import type { Tx } from "@/db";
import { listLiveComponentIdsInGroup } from "@/db/queries/imports";
import { deleteImportedIncident } from "@/db/writes/import-incidents";
import { forgetImports } from "@/db/writes/imports";
import { deleteGroupKeepingServices, softDeleteComponent } from "@/db/writes/services";
import type { GoneItem, GoneKind } from "./gone";

const of = (gone: readonly GoneItem[], kind: GoneKind) => gone.filter((g) => g.kind === kind);

/** Within the services transaction: gone services first, then gone groups (what is left in them moves out). */
export function pruneServices(tx: Tx, source: string, pageId: string, gone: readonly GoneItem[], at: number) {
  const components = of(gone, "component");
  const groups = of(gone, "group");
  for (const c of components) softDeleteComponent(tx, c.localId, at);
  for (const g of groups)
    deleteGroupKeepingServices(tx, pageId, g.localId, listLiveComponentIdsInGroup(tx, g.localId), at);
  forgetImports(
    tx,
    source,
    "component",
    components.map((c) => c.externalId),
  );
  forgetImports(
    tx,
    source,
    "group",
    groups.map((g) => g.externalId),
  );
  return { services: components.length, groups: groups.length };
}

/** Within the incidents transaction, before the services' history is rebuilt. */
export function pruneIncidents(tx: Tx, source: string, pageId: string, gone: readonly GoneItem[]) {
  let removed = 0;
  for (const kind of ["incident", "maintenance"] as const) {
    const list = of(gone, kind);
    for (const i of list) deleteImportedIncident(tx, pageId, i.localId);
    forgetImports(
      tx,
      source,
      kind,
      list.map((i) => i.externalId),
    );
    removed += list.length;
  }
  return removed;
}

export const hasGoneServices = (gone: readonly GoneItem[]) =>
  gone.some((g) => g.kind === "component" || g.kind === "group");
export const hasGoneIncidents = (gone: readonly GoneItem[]) =>
  gone.some((g) => g.kind === "incident" || g.kind === "maintenance");
