// What /metrics reports, read in a few grouped queries (no per-row work in JavaScript).
import { and, asc, count, eq, inArray, isNull, min } from "drizzle-orm";
import type { Tx } from "../index";
import { components, deliveries, integrations, monitors, notifications, statusClaims } from "../schema";

export function metricsSnapshot(tx: Tx, pageId: string) {
  const services = tx
    .select({ id: components.id, name: components.name, status: components.status })
    .from(components)
    .where(and(eq(components.pageId, pageId), isNull(components.deletedAt)))
    .orderBy(asc(components.name))
    .all();
  const monitorRows = tx
    .select({
      id: monitors.id,
      name: monitors.name,
      kind: monitors.kind,
      state: monitors.state,
      paused: monitors.paused,
      lastResponseMs: monitors.lastResponseMs,
      lastCheckedAt: monitors.lastCheckedAt,
    })
    .from(monitors)
    .where(eq(monitors.pageId, pageId))
    .orderBy(asc(monitors.name))
    .all();
  const outbox = tx
    .select({ channel: deliveries.channel, depth: count(), oldest: min(deliveries.createdAt) })
    .from(deliveries)
    .where(inArray(deliveries.state, ["pending", "sending"]))
    .groupBy(deliveries.channel)
    .all();
  const unfanned = tx
    .select({ depth: count(), oldest: min(notifications.createdAt) })
    .from(notifications)
    .where(isNull(notifications.fannedOutAt))
    .get();
  const delivered = tx
    .select({ channel: deliveries.channel, state: deliveries.state, total: count() })
    .from(deliveries)
    .where(inArray(deliveries.state, ["sent", "failed", "parked"]))
    .groupBy(deliveries.channel, deliveries.state)
    .all();
  const firing = tx
    .select({ id: integrations.id, name: integrations.name, kind: integrations.kind, firing: count(statusClaims.id) })
    .from(integrations)
    .leftJoin(
      statusClaims,
      and(
        eq(statusClaims.source, "integration"),
        eq(statusClaims.sourceId, integrations.id),
        isNull(statusClaims.endedAt),
      ),
    )
    .where(eq(integrations.pageId, pageId))
    .groupBy(integrations.id)
    .orderBy(asc(integrations.name))
    .all();
  return {
    services,
    monitors: monitorRows,
    outbox,
    unfanned: unfanned ?? { depth: 0, oldest: null },
    delivered,
    integrations: firing,
  };
}
