// Reads for static publishing: what to start the crawl from, and each target's status for the console.
import { and, eq, gte, isNull, sql } from "drizzle-orm";
import type { Tx } from "../index";
import {
  components,
  incidents,
  pages,
  publishTargetConfigs,
  publishTargets,
  users,
  type PublishTarget,
  type PublishTargetConfig,
} from "../schema";

/**
 * Every incident and maintenance id and every live component id of the page. The app decides what of it is
 * public (a page it answers 404 for is not published); these only make sure nothing is missed that no other
 * page links to.
 */
export function publishSeeds(
  tx: Tx,
  pageId: string,
): { incidentIds: string[]; maintenanceIds: string[]; componentIds: string[] } {
  const rows = tx
    .select({ id: incidents.id, kind: incidents.kind })
    .from(incidents)
    .where(eq(incidents.pageId, pageId))
    .all();
  return {
    incidentIds: rows.map((r) => r.id),
    maintenanceIds: rows.filter((r) => r.kind === "maintenance").map((r) => r.id),
    componentIds: tx
      .select({ id: components.id })
      .from(components)
      .where(and(eq(components.pageId, pageId), isNull(components.deletedAt)))
      .all()
      .map((r) => r.id),
  };
}

export function listPublishTargetStatus(tx: Tx): PublishTarget[] {
  return tx.select().from(publishTargets).all();
}

export function findPublishTargetStatus(tx: Tx, name: string): PublishTarget | undefined {
  return tx.select().from(publishTargets).where(eq(publishTargets.name, name)).get();
}

/**
 * The page row with every column the database has, also ones this schema does not name yet, so the check of
 * what may be published (publishRefusal) sees an audience setting as soon as a migration adds it.
 */
export function pageForPublishing(tx: Tx): ({ id: string } & Record<string, unknown>) | undefined {
  const db = tx as unknown as { $client?: { prepare: (sql: string) => { get: () => unknown } } };
  const row = db.$client
    ? db.$client.prepare("select * from pages limit 1").get()
    : tx.select().from(pages).limit(1).get();
  return row as ({ id: string } & Record<string, unknown>) | undefined;
}

/** Incidents and maintenances changed at or after `since` (an update, a status, an edit): a quick publish's pages. */
export function incidentsChangedSince(tx: Tx, pageId: string, since: number): { id: string; kind: string }[] {
  return tx
    .select({ id: incidents.id, kind: incidents.kind })
    .from(incidents)
    .where(and(eq(incidents.pageId, pageId), gte(incidents.updatedAt, since)))
    .all();
}

/** Team members who asked to be emailed when a static-copy target keeps failing. */
export function publishAlertAddresses(tx: Tx): string[] {
  return tx
    .select({ email: users.email })
    .from(users)
    .where(eq(users.notifyOnPublishFailure, true))
    .orderBy(users.email)
    .all()
    .map((u) => u.email);
}

export function wantsPublishAlerts(tx: Tx, userId: string): boolean {
  return tx.select({ on: users.notifyOnPublishFailure }).from(users).where(eq(users.id, userId)).get()?.on ?? false;
}

export function listPublishTargetConfigs(tx: Tx): PublishTargetConfig[] {
  return tx.select().from(publishTargetConfigs).orderBy(publishTargetConfigs.name).all();
}

export function findPublishTargetConfig(tx: Tx, id: string): PublishTargetConfig | undefined {
  return tx.select().from(publishTargetConfigs).where(eq(publishTargetConfigs.id, id)).get();
}

/** Changes when any console target is added, edited or removed: the publisher rebuilds its targets then. */
export function publishTargetConfigsVersion(tx: Tx): string {
  const row = tx
    .select({ n: sql<number>`count(*)`, at: sql<number | null>`max(${publishTargetConfigs.updatedAt})` })
    .from(publishTargetConfigs)
    .get();
  return `${row?.n ?? 0}:${row?.at ?? 0}`;
}
