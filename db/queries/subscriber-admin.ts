// Reads for the console's and the API's subscriber management: the list (search, state filter, pages), each
// subscriber's scope, and the names the CSV import resolves. Tokens and secrets are never selected.
import { and, asc, count, desc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import type { SubscriberKind, SubscriberState } from "@/db/constants";
import type { Tx } from "../index";
import { componentGroups, components, subscriberComponents, subscribers } from "../schema";

export interface SubscriberFilter {
  /** Part of the address (case-insensitive). */
  search?: string;
  state?: SubscriberState;
  kind?: SubscriberKind;
}

/** The columns safe to show: no confirmation token hash, no webhook secret. */
const PUBLIC_COLUMNS = {
  id: subscribers.id,
  kind: subscribers.kind,
  email: subscribers.email,
  webhookUrl: subscribers.webhookUrl,
  state: subscribers.state,
  allComponents: subscribers.allComponents,
  origin: subscribers.origin,
  audience: subscribers.audience,
  createdAt: subscribers.createdAt,
  confirmedAt: subscribers.confirmedAt,
  unsubscribedAt: subscribers.unsubscribedAt,
  suppressedAt: subscribers.suppressedAt,
  language: subscribers.language,
};

function whereOf(pageId: string, filter: SubscriberFilter): SQL {
  const where: SQL[] = [eq(subscribers.pageId, pageId)];
  if (filter.kind) where.push(eq(subscribers.kind, filter.kind));
  if (filter.state) where.push(eq(subscribers.state, filter.state));
  if (filter.search)
    where.push(sql`${subscribers.email} like ${`%${escapeLike(filter.search.toLowerCase())}%`} escape '\\'`);
  return and(...where)!;
}

/** One page of subscribers, newest first, and how many match in all. */
export function listSubscriberPage(db: Tx, pageId: string, filter: SubscriberFilter, limit: number, offset: number) {
  const where = whereOf(pageId, filter);
  const total = db.select({ n: count() }).from(subscribers).where(where).get()?.n ?? 0;
  const rows = db
    .select(PUBLIC_COLUMNS)
    .from(subscribers)
    .where(where)
    .orderBy(desc(subscribers.createdAt), asc(subscribers.id))
    .limit(limit)
    .offset(offset)
    .all();
  return { total, rows };
}

/** Every matching subscriber (for the export), oldest first. */
export function allSubscribers(db: Tx, pageId: string, filter: SubscriberFilter) {
  return db
    .select(PUBLIC_COLUMNS)
    .from(subscribers)
    .where(whereOf(pageId, filter))
    .orderBy(asc(subscribers.createdAt), asc(subscribers.id))
    .all();
}
export type SubscriberSummary = ReturnType<typeof allSubscribers>[number];

export function findSubscriberSummary(db: Tx, pageId: string, id: string) {
  return db
    .select(PUBLIC_COLUMNS)
    .from(subscribers)
    .where(and(eq(subscribers.pageId, pageId), eq(subscribers.id, id)))
    .get();
}

/** The components each of these subscribers chose, as id -> [{id, name}] in page order. */
export function scopesOf(db: Tx, subscriberIds: readonly string[]): Map<string, { id: string; name: string }[]> {
  const scopes = new Map<string, { id: string; name: string }[]>();
  // SQLite allows a limited number of bound parameters; ask in slices.
  for (let i = 0; i < subscriberIds.length; i += 500) {
    const rows = db
      .select({ subscriberId: subscriberComponents.subscriberId, id: components.id, name: components.name })
      .from(subscriberComponents)
      .innerJoin(components, eq(components.id, subscriberComponents.componentId))
      .where(
        and(inArray(subscriberComponents.subscriberId, subscriberIds.slice(i, i + 500)), isNull(components.deletedAt)),
      )
      .orderBy(asc(components.position), asc(components.name))
      .all();
    for (const r of rows) {
      const list = scopes.get(r.subscriberId) ?? [];
      list.push({ id: r.id, name: r.name });
      scopes.set(r.subscriberId, list);
    }
  }
  return scopes;
}

/** The page's live components and groups, for resolving names and ids (CSV import, group choices). */
export function scopeCatalogue(db: Tx, pageId: string) {
  const list = db
    .select({ id: components.id, name: components.name, groupId: components.groupId })
    .from(components)
    .where(and(eq(components.pageId, pageId), isNull(components.deletedAt)))
    .all();
  const groups = db
    .select({ id: componentGroups.id, name: componentGroups.name })
    .from(componentGroups)
    .where(eq(componentGroups.pageId, pageId))
    .all();
  return { components: list, groups };
}
export type ScopeCatalogue = ReturnType<typeof scopeCatalogue>;

/** The email addresses (lower-cased) already on the page, in any state, with their state. */
export function existingEmailStates(db: Tx, pageId: string): Map<string, SubscriberState> {
  const rows = db
    .select({ email: subscribers.email, state: subscribers.state })
    .from(subscribers)
    .where(and(eq(subscribers.pageId, pageId), eq(subscribers.kind, "email")))
    .all();
  return new Map(rows.filter((r) => r.email).map((r) => [r.email!, r.state]));
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
