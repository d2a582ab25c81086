// Reads about SMS subscribers.
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, or } from "drizzle-orm";
import type { Db, Tx } from "../index";
import { incidentComponents, incidents, subscriberComponents, subscribers } from "../schema";

/** A number's page subscription (not a follow of one incident: getSmsFollow). */
export function getSmsSubscriberByPhone(db: Tx, pageId: string, phone: string) {
  return db
    .select()
    .from(subscribers)
    .where(
      and(
        eq(subscribers.pageId, pageId),
        eq(subscribers.kind, "sms"),
        eq(subscribers.phone, phone),
        isNull(subscribers.followIncidentId),
      ),
    )
    .get();
}

/** A number's follow of one incident, in whatever state. */
export function getSmsFollow(db: Tx, pageId: string, phone: string, incidentId: string) {
  return db
    .select()
    .from(subscribers)
    .where(
      and(
        eq(subscribers.pageId, pageId),
        eq(subscribers.kind, "sms"),
        eq(subscribers.phone, phone),
        eq(subscribers.followIncidentId, incidentId),
      ),
    )
    .get();
}

/** The incident's SMS followers whose follow has not ended (core/incident-follow.ts). */
export function smsFollowers(db: Tx, incidentId: string) {
  return db
    .select({ id: subscribers.id, phone: subscribers.phone })
    .from(subscribers)
    .where(
      and(
        eq(subscribers.kind, "sms"),
        eq(subscribers.followIncidentId, incidentId),
        eq(subscribers.state, "active"),
        isNull(subscribers.pausedAt),
        isNull(subscribers.followEndedAt),
      ),
    )
    .orderBy(asc(subscribers.id))
    .all();
}

/**
 * The number's active page subscription when it already covers this incident (everything, or one of its
 * services): following the incident by SMS would add nothing.
 */
export function smsSubscriptionCovering(db: Tx, pageId: string, phone: string, incidentId: string) {
  const row = getSmsSubscriberByPhone(db, pageId, phone);
  if (!row || row.state !== "active") return undefined;
  if (row.allComponents) return row;
  const shared = db
    .select({ id: incidentComponents.componentId })
    .from(incidentComponents)
    .innerJoin(subscriberComponents, eq(subscriberComponents.componentId, incidentComponents.componentId))
    .where(and(eq(incidentComponents.incidentId, incidentId), eq(subscriberComponents.subscriberId, row.id)))
    .get();
  return shared ? row : undefined;
}

/**
 * The active SMS subscribers an incident's notification may go to (everything, or one of its services), with
 * whether each widened SMS to every impact; the impact rule itself is core/sms-rules.ts.
 */
export function smsCandidates(db: Db, pageId: string, incidentId: string) {
  const affected = db
    .select({ id: incidentComponents.componentId })
    .from(incidentComponents)
    .where(eq(incidentComponents.incidentId, incidentId));
  const interested = db
    .select({ id: subscriberComponents.subscriberId })
    .from(subscriberComponents)
    .where(inArray(subscriberComponents.componentId, affected));
  return db
    .select({ id: subscribers.id, phone: subscribers.phone, allImpacts: subscribers.smsAllImpacts })
    .from(subscribers)
    .where(
      and(
        eq(subscribers.pageId, pageId),
        eq(subscribers.kind, "sms"),
        eq(subscribers.state, "active"),
        isNull(subscribers.followIncidentId),
        isNull(subscribers.pausedAt),
        or(eq(subscribers.allComponents, true), inArray(subscribers.id, interested)),
      ),
    )
    .orderBy(asc(subscribers.id))
    .all();
}

/** What an SMS about an incident says and who may get it: the incident's name, impact and status. */
export function incidentForSms(db: Db, incidentId: string) {
  return db
    .select({ id: incidents.id, name: incidents.name, impact: incidents.impact, status: incidents.status })
    .from(incidents)
    .where(eq(incidents.id, incidentId))
    .get();
}

/** The page an incident belongs to, or undefined: the one read behind a short link (/i/<code>). */
export function incidentPageId(db: Db, incidentId: string): string | undefined {
  return db.select({ pageId: incidents.pageId }).from(incidents).where(eq(incidents.id, incidentId)).get()?.pageId;
}

/** One page of SMS subscribers for the console, newest first, with the incident a follow is about. */
export function listSmsSubscriberPage(db: Tx, pageId: string, limit: number, offset: number) {
  const where = and(eq(subscribers.pageId, pageId), eq(subscribers.kind, "sms"));
  const total = db.select({ n: count() }).from(subscribers).where(where).get()?.n ?? 0;
  const rows = db
    .select({
      id: subscribers.id,
      phone: subscribers.phone,
      state: subscribers.state,
      pausedAt: subscribers.pausedAt,
      allComponents: subscribers.allComponents,
      smsAllImpacts: subscribers.smsAllImpacts,
      origin: subscribers.origin,
      createdAt: subscribers.createdAt,
      language: subscribers.language,
      followIncidentId: subscribers.followIncidentId,
      followIncidentName: incidents.name,
    })
    .from(subscribers)
    .leftJoin(incidents, eq(incidents.id, subscribers.followIncidentId))
    .where(where)
    .orderBy(desc(subscribers.createdAt), asc(subscribers.id))
    .limit(limit)
    .offset(offset)
    .all();
  return { total, rows };
}

export function getSmsSubscriberRow(db: Tx, pageId: string, id: string) {
  return db
    .select()
    .from(subscribers)
    .where(and(eq(subscribers.pageId, pageId), eq(subscribers.kind, "sms"), eq(subscribers.id, id)))
    .get();
}

/** A number's active follows of single incidents, oldest first. */
export function smsFollowersOfNumber(db: Tx, pageId: string, phone: string) {
  return db
    .select()
    .from(subscribers)
    .where(
      and(
        eq(subscribers.pageId, pageId),
        eq(subscribers.kind, "sms"),
        eq(subscribers.phone, phone),
        eq(subscribers.state, "active"),
        isNotNull(subscribers.followIncidentId),
        isNull(subscribers.followEndedAt),
      ),
    )
    .orderBy(asc(subscribers.createdAt))
    .all();
}
