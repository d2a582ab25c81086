// What an audience may not see of the page, read for core/audience.ts to decide. The public queries take the
// audience as a parameter (defaulting to "public", so a caller that forgets it shows less, never more) and
// leave out the ids this returns. A public page hides nothing and costs one indexed read of one row.
import { eq, notInArray, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { hiddenFrom, NOTHING_HIDDEN, pageAccess, type Hidden, type PageAccess } from "@/core/audience";
import type { Audience, PageVisibility } from "../constants";
import type { Db, Tx } from "../index";
import { componentGroups, components, incidentComponents, incidents, pages } from "../schema";

export function pageVisibility(db: Tx, pageId: string): PageVisibility {
  return (
    db.select({ visibility: pages.visibility }).from(pages).where(eq(pages.id, pageId)).get()?.visibility ?? "public"
  );
}

export function pageAccessFor(db: Db, pageId: string, audience: Audience): PageAccess {
  return pageAccess(pageVisibility(db, pageId), audience);
}

export function hiddenFor(db: Tx, pageId: string, audience: Audience): Hidden {
  const visibility = pageVisibility(db, pageId);
  if (pageAccess(visibility, audience) === "everything") return NOTHING_HIDDEN;
  const groups = db
    .select({ id: componentGroups.id, visibility: componentGroups.visibility })
    .from(componentGroups)
    .where(eq(componentGroups.pageId, pageId))
    .all();
  const list = db
    .select({ id: components.id, groupId: components.groupId, visibility: components.visibility })
    .from(components)
    .where(eq(components.pageId, pageId))
    .all();
  const links = db
    .select({ incidentId: incidentComponents.incidentId, componentId: incidentComponents.componentId })
    .from(incidentComponents)
    .innerJoin(incidents, eq(incidents.id, incidentComponents.incidentId))
    .where(eq(incidents.pageId, pageId))
    .all();
  // A refused audience sees nothing at all; callers stop it before asking, this is the belt to their braces.
  if (pageAccess(visibility, audience) === "refused") {
    return {
      groupIds: new Set(groups.map((g) => g.id)),
      componentIds: new Set(list.map((c) => c.id)),
      incidentIds: new Set(
        db
          .select({ id: incidents.id })
          .from(incidents)
          .where(eq(incidents.pageId, pageId))
          .all()
          .map((r) => r.id),
      ),
    };
  }
  return hiddenFrom(visibility, audience, { groups, components: list, links });
}

/** Whether the public may not see this incident (subscribers are public: they hear nothing of it). */
export function incidentHiddenFromPublic(db: Tx, pageId: string, incidentId: string): boolean {
  return hiddenFor(db, pageId, "public").incidentIds.has(incidentId);
}

export function componentHiddenFromPublic(db: Db, pageId: string, componentId: string): boolean {
  return hiddenFor(db, pageId, "public").componentIds.has(componentId);
}

/** A where-clause part leaving out the hidden ids (undefined, i.e. no condition, when none are hidden). */
export function notHidden(column: SQLiteColumn, ids: ReadonlySet<string>): SQL | undefined {
  return ids.size ? notInArray(column, [...ids]) : undefined;
}
