import { and, desc, eq, gte } from "drizzle-orm";
import type { Tx } from "../index";
import { monitorResults, monitors, monitorStateChanges, type Monitor } from "../schema";

export function findMonitor(tx: Tx, id: string): Monitor | null {
  return tx.select().from(monitors).where(eq(monitors.id, id)).get() ?? null;
}

export function findMonitorByTokenHash(tx: Tx, tokenHash: string): Monitor | null {
  return tx.select().from(monitors).where(and(eq(monitors.heartbeatTokenHash, tokenHash), eq(monitors.kind, "heartbeat"))).get() ?? null;
}

export function monitorsOfComponent(tx: Tx, componentId: string): Monitor[] {
  return tx.select().from(monitors).where(eq(monitors.componentId, componentId)).all();
}

export function listMonitors(tx: Tx): Monitor[] {
  return tx.select().from(monitors).orderBy(monitors.name).all();
}

export function recentResults(tx: Tx, monitorId: string, since: number, limit = 500) {
  return tx
    .select()
    .from(monitorResults)
    .where(and(eq(monitorResults.monitorId, monitorId), gte(monitorResults.at, since)))
    .orderBy(desc(monitorResults.at))
    .limit(limit)
    .all();
}

export function stateChanges(tx: Tx, monitorId: string, limit = 50) {
  return tx.select().from(monitorStateChanges).where(eq(monitorStateChanges.monitorId, monitorId)).orderBy(desc(monitorStateChanges.at), desc(monitorStateChanges.id)).limit(limit).all();
}
