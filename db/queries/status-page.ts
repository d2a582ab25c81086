// Reads for the public status page.
import { and, asc, desc, eq, inArray, isNull } from "drizzle-orm";
import {
  ACTIVE_MAINTENANCE_STATUSES,
  UNRESOLVED_INCIDENT_STATUSES,
  type Audience,
  type ComponentStatus,
  type Impact,
} from "@/db/constants";
import { groupStatus, pageStatus, type PageStatus } from "@/core/status";
import type { Db, Tx } from "../index";
import { hiddenFor, notHidden } from "./audience";
import {
  componentGroups,
  components,
  incidents,
  pages,
  type Component,
  type ComponentGroup,
  type Page,
} from "../schema";

export function getPage(db: Tx): Page | undefined {
  return db.select().from(pages).limit(1).get();
}

export type ComponentRow =
  | { type: "group"; group: ComponentGroup; status: ComponentStatus; components: Component[] }
  | { type: "component"; component: Component };

/** Groups and ungrouped components in page order; each group with its children in order and its status. */
export function getComponentTree(db: Db, pageId: string, audience: Audience = "public"): ComponentRow[] {
  const hidden = hiddenFor(db, pageId, audience);
  const groups = db
    .select()
    .from(componentGroups)
    .where(and(eq(componentGroups.pageId, pageId), notHidden(componentGroups.id, hidden.groupIds)))
    .orderBy(asc(componentGroups.position))
    .all();
  const all = db
    .select()
    .from(components)
    .where(
      and(eq(components.pageId, pageId), isNull(components.deletedAt), notHidden(components.id, hidden.componentIds)),
    )
    .orderBy(asc(components.position), asc(components.createdAt))
    .all();
  const rows: (ComponentRow & { position: number })[] = [
    ...groups.map((group) => {
      const children = all.filter((c) => c.groupId === group.id);
      return {
        type: "group" as const,
        position: group.position,
        group,
        status: groupStatus(children.map((c) => c.status)),
        components: children,
      };
    }),
    ...all
      .filter((c) => c.groupId === null)
      .map((component) => ({ type: "component" as const, position: component.position, component })),
  ];
  return rows.sort((a, b) => a.position - b.position).map(({ position: _position, ...row }) => row as ComponentRow);
}

/** The overall status: live components, unresolved incidents, maintenances in progress. */
export function getOverallStatus(db: Db, pageId: string, audience: Audience = "public"): PageStatus {
  const hidden = hiddenFor(db, pageId, audience);
  const statuses = db
    .select({ status: components.status })
    .from(components)
    .where(
      and(eq(components.pageId, pageId), isNull(components.deletedAt), notHidden(components.id, hidden.componentIds)),
    )
    .all()
    .map((r) => r.status);
  const open = db
    .select({ kind: incidents.kind, impact: incidents.impact, status: incidents.status })
    .from(incidents)
    .where(
      and(
        eq(incidents.pageId, pageId),
        inArray(incidents.status, [...UNRESOLVED_INCIDENT_STATUSES, ...ACTIVE_MAINTENANCE_STATUSES]),
        notHidden(incidents.id, hidden.incidentIds),
      ),
    )
    .orderBy(desc(incidents.createdAt))
    .all();
  return pageStatus({
    componentStatuses: statuses,
    unresolvedIncidentImpacts: open.filter((i) => i.kind === "incident").map((i) => i.impact as Impact),
    maintenanceInProgress: open.some((i) => i.kind === "maintenance"),
  });
}

/** The language of the page's unprefixed URLs (proxy.ts reads it for every public request that reaches Next). */
export function getDefaultLocale(db: Tx): string {
  return db.select({ locale: pages.defaultLocale }).from(pages).limit(1).get()?.locale ?? "en";
}
