// Reads about subscribers.
import type { Audience } from "../constants";
import { hiddenFor, notHidden } from "./audience";
import { and, asc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { Db, Tx } from "../index";
import {
  componentGroups,
  components,
  incidentComponents,
  incidents,
  pages,
  subscriberComponents,
  subscribers,
} from "../schema";

export function getSubscriber(db: Tx, id: string) {
  return db.select().from(subscribers).where(eq(subscribers.id, id)).get();
}

export function getEmailSubscriberByAddress(db: Tx, pageId: string, email: string) {
  return db
    .select()
    .from(subscribers)
    .where(
      and(
        eq(subscribers.pageId, pageId),
        eq(subscribers.kind, "email"),
        eq(subscribers.email, email.toLowerCase()),
        // The page subscription, not a follow of one incident (getFollow).
        isNull(subscribers.followIncidentId),
      ),
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
/** The services a subscriber may pick; subscribers are public, so internal ones are left out by default. */
export function componentChoices(db: Db, pageId: string, audience: Audience = "public") {
  const hidden = hiddenFor(db, pageId, audience);
  const groups = db
    .select()
    .from(componentGroups)
    .where(and(eq(componentGroups.pageId, pageId), notHidden(componentGroups.id, hidden.groupIds)))
    .orderBy(asc(componentGroups.position))
    .all();
  const list = db
    .select({ id: components.id, name: components.name, groupId: components.groupId, position: components.position })
    .from(components)
    .where(
      and(eq(components.pageId, pageId), isNull(components.deletedAt), notHidden(components.id, hidden.componentIds)),
    )
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

/** An address's follow of one incident, in whatever state. */
export function getFollow(db: Tx, pageId: string, email: string, incidentId: string) {
  return db
    .select()
    .from(subscribers)
    .where(
      and(
        eq(subscribers.pageId, pageId),
        eq(subscribers.kind, "email"),
        eq(subscribers.email, email.toLowerCase()),
        eq(subscribers.followIncidentId, incidentId),
      ),
    )
    .get();
}

/**
 * The address's page subscription when it already receives this incident's notifications (everything, or
 * one of its services: the rule of incidentRecipientIds), so following it would add nothing.
 */
export function pageSubscriptionCovering(db: Tx, pageId: string, email: string, incidentId: string) {
  const affected = db
    .select({ id: incidentComponents.componentId })
    .from(incidentComponents)
    .where(eq(incidentComponents.incidentId, incidentId));
  const interested = db
    .select({ id: subscriberComponents.subscriberId })
    .from(subscriberComponents)
    .where(inArray(subscriberComponents.componentId, affected));
  return db
    .select()
    .from(subscribers)
    .where(
      and(
        eq(subscribers.pageId, pageId),
        eq(subscribers.kind, "email"),
        eq(subscribers.email, email.toLowerCase()),
        isNull(subscribers.followIncidentId),
        eq(subscribers.state, "active"),
        or(eq(subscribers.allComponents, true), inArray(subscribers.id, interested)),
      ),
    )
    .get();
}

/** The incident a follower follows, for their manage page. */
export function followedIncident(db: Tx, incidentId: string) {
  return db
    .select({ id: incidents.id, name: incidents.name, resolvedAt: incidents.resolvedAt })
    .from(incidents)
    .where(eq(incidents.id, incidentId))
    .get();
}
