// What an earlier import brought in that the source no longer has: services, groups, incidents and
// maintenances whose external id is remembered here but missing from what the source answered now. They are
// listed in the preview and removed only when asked (--prune, or the console's checkbox), never by default.
import type { ImportMapping } from "@/db/schema";
import type { SourceData } from "./source";

export type GoneKind = "group" | "component" | "incident" | "maintenance";

export interface GoneItem {
  kind: GoneKind;
  externalId: string;
  localId: string;
  name: string;
}

const LABEL: Record<GoneKind, string> = {
  group: "group",
  component: "service",
  incident: "incident",
  maintenance: "maintenance",
};
export const goneLabel = (g: GoneItem) => `${LABEL[g.kind]} "${g.name}"`;

export function findGone(
  data: SourceData,
  mappings: readonly ImportMapping[],
  here: { groups: Map<string, string>; components: Map<string, string>; incidents: Map<string, string> },
): GoneItem[] {
  const present: Record<GoneKind, Set<string>> = {
    group: new Set(data.groups.map((g) => g.externalId)),
    component: new Set(data.components.map((c) => c.externalId)),
    incident: new Set(data.incidents.filter((i) => i.kind === "incident").map((i) => i.externalId)),
    maintenance: new Set(data.incidents.filter((i) => i.kind === "maintenance").map((i) => i.externalId)),
  };
  // A source that shows only the recent incidents (a public page) says nothing about the older ones.
  const kinds: GoneKind[] = data.listsEveryIncident
    ? ["group", "component", "incident", "maintenance"]
    : ["group", "component"];
  const gone: GoneItem[] = [];
  for (const m of mappings) {
    const kind = m.kind as GoneKind;
    if (!kinds.includes(kind) || present[kind].has(m.externalId)) continue;
    const rows = kind === "group" ? here.groups : kind === "component" ? here.components : here.incidents;
    const name = rows.get(m.localId);
    // Already deleted here: nothing left to remove.
    if (name !== undefined) gone.push({ kind, externalId: m.externalId, localId: m.localId, name });
  }
  return gone.sort((a, b) => kinds.indexOf(a.kind) - kinds.indexOf(b.kind) || a.name.localeCompare(b.name));
}
