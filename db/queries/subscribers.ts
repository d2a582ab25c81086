// Reads about subscribers.
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Db, Tx } from "../index";
import { componentGroups, components, pages, subscriberComponents, subscribers } from "../schema";

export function getSubscriber(db: Tx, id: string) {
  return db.select().from(subscribers).where(eq(subscribers.id, id)).get();
}

export function getEmailSubscriberByAddress(db: Tx, pageId: string, email: string) {
  return db
    .select()
    .from(subscribers)
    .where(
      and(eq(subscribers.pageId, pageId), eq(subscribers.kind, "email"), eq(subscribers.email, email.toLowerCase())),
    )
    .get();
}

export function subscribedComponentIds(db: Db, subscriberId: string): string[] {
  return db
    .select({ id: subscriberComponents.componentId })
    .from(subscriberComponents)
    .where(eq(subscriberComponents.subscriberId, subscriberId))
    .orderBy(sql`rowid`)
    .all()
    .map((r) => r.id);
}

/** The page (one per installation), for branding pages and emails. */
export function getPageRow(db: Tx) {
  return db.select().from(pages).limit(1).get();
}

/** The services a visitor can subscribe to, grouped as on the page. */
export function componentChoices(db: Db, pageId: string) {
  const groups = db
    .select()
    .from(componentGroups)
    .where(eq(componentGroups.pageId, pageId))
    .orderBy(asc(componentGroups.position))
    .all();
  const list = db
    .select({ id: components.id, name: components.name, groupId: components.groupId, position: components.position })
    .from(components)
    .where(and(eq(components.pageId, pageId), isNull(components.deletedAt)))
    .orderBy(asc(components.position), asc(components.name))
    .all();
  const grouped = groups.map((g) => ({ id: g.id, name: g.name, components: list.filter((c) => c.groupId === g.id) }));
  const ungrouped = list.filter((c) => !c.groupId || !groups.some((g) => g.id === c.groupId));
  return [
    ...grouped.filter((g) => g.components.length > 0),
    ...(ungrouped.length ? [{ id: "other", name: "Other services", components: ungrouped }] : []),
  ];
}
export type ComponentChoices = ReturnType<typeof componentChoices>;
