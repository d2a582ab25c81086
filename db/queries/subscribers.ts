// Reads about subscribers.
import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "../index";
import { pages, subscriberComponents, subscribers } from "../schema";

export function getSubscriber(db: Tx, id: string) {
  return db.select().from(subscribers).where(eq(subscribers.id, id)).get();
}

export function getEmailSubscriberByAddress(db: Tx, pageId: string, email: string) {
  return db
    .select()
    .from(subscribers)
    .where(and(eq(subscribers.pageId, pageId), eq(subscribers.kind, "email"), eq(subscribers.email, email.toLowerCase())))
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
export function getPageRow(db: Db) {
  return db.select().from(pages).limit(1).get();
}
