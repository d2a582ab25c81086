import { and, asc, desc, eq, isNull } from "drizzle-orm";
import type { Tx } from "../index";
import { components, integrationPayloads, integrations, statusClaims } from "../schema";

export function listIntegrations(tx: Tx, pageId: string) {
  return tx.select().from(integrations).where(eq(integrations.pageId, pageId)).orderBy(asc(integrations.name)).all();
}

export function findIntegration(tx: Tx, id: string) {
  return tx.select().from(integrations).where(eq(integrations.id, id)).get();
}

export function recentPayloads(tx: Tx, integrationId: string, limit = 100) {
  return tx
    .select()
    .from(integrationPayloads)
    .where(eq(integrationPayloads.integrationId, integrationId))
    .orderBy(desc(integrationPayloads.id))
    .limit(limit)
    .all();
}

/** The live services an alert can name (by id or name). */
export function liveServices(tx: Tx, pageId: string) {
  return tx
    .select({ id: components.id, name: components.name })
    .from(components)
    .where(and(eq(components.pageId, pageId), isNull(components.deletedAt)))
    .all();
}

/** The integration's firing alerts (open claims), newest first. */
export function firingAlerts(tx: Tx, integrationId: string) {
  return tx
    .select()
    .from(statusClaims)
    .where(
      and(
        eq(statusClaims.source, "integration"),
        eq(statusClaims.sourceId, integrationId),
        isNull(statusClaims.endedAt),
      ),
    )
    .orderBy(desc(statusClaims.since))
    .all();
}

/** When this alert's claim last ended, if it did: a firing that started before then is a stale re-send. */
export function lastEndedAt(tx: Tx, integrationId: string, key: string): number | null {
  const row = tx
    .select({ endedAt: statusClaims.endedAt })
    .from(statusClaims)
    .where(
      and(eq(statusClaims.source, "integration"), eq(statusClaims.sourceId, integrationId), eq(statusClaims.key, key)),
    )
    .orderBy(desc(statusClaims.id))
    .limit(1)
    .get();
  return row?.endedAt ?? null;
}

/** Every firing alert of every integration, with its integration and service, newest first (the overview). */
export function allFiringAlerts(tx: Tx) {
  return tx
    .select({
      id: statusClaims.id,
      since: statusClaims.since,
      summary: statusClaims.summary,
      key: statusClaims.key,
      integrationId: integrations.id,
      integrationName: integrations.name,
      serviceName: components.name,
    })
    .from(statusClaims)
    .innerJoin(integrations, eq(integrations.id, statusClaims.sourceId))
    .innerJoin(components, eq(components.id, statusClaims.componentId))
    .where(and(eq(statusClaims.source, "integration"), isNull(statusClaims.endedAt)))
    .orderBy(desc(statusClaims.since))
    .all();
}
