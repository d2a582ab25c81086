// Monitor verbs: create, change, pause or resume, delete. Owners and admins only ("services.write"): a monitor
// can reach private addresses, which is the trust boundary described in services/monitors/config.ts.
import type { Db, Tx } from "@/db";
import { liveComponentIds } from "@/db/queries/lifecycle";
import { findMonitor } from "@/db/queries/monitors";
import { getPage } from "@/db/queries/status-page";
import { findTemplate } from "@/db/queries/templates";
import { insertAuditEntry } from "@/db/writes/audit";
import { endClaimsOf } from "@/db/writes/claims";
import { deleteMonitorRow, insertMonitor, setMonitorPaused, updateMonitorSettings } from "@/db/writes/monitors";
import { assertCan, auditActor, type Actor } from "@/core/actor";
import { DomainError, invalid, notFound } from "@/core/errors";
import { hashToken, newSecretToken } from "@/services/auth/tokens";
import { parseInput } from "@/services/incidents/schemas";
import { reconcileComponentStatus } from "./apply-claims";
import { monitorInput, type MonitorSettings } from "./config";

function settingsFrom(tx: Tx, raw: unknown): { pageId: string; settings: MonitorSettings } {
  const page = getPage(tx);
  if (!page) throw new DomainError("conflict", "The page is not set up yet");
  const input = parseInput(monitorInput, raw) as MonitorSettings;
  if (input.componentId && !liveComponentIds(tx, page.id, [input.componentId]).has(input.componentId))
    throw invalid("componentId", "Unknown or deleted service");
  if (input.templateId && !findTemplate(tx, page.id, input.templateId)) throw invalid("templateId", "Unknown template");
  return { pageId: page.id, settings: input };
}

/** Ends the monitor's claims and lets its service's status follow (the monitor no longer speaks for it). */
function withdrawClaims(tx: Tx, monitorId: string, at: number): void {
  for (const componentId of endClaimsOf(tx, "monitor", monitorId, at))
    reconcileComponentStatus(tx, componentId, at, { source: "monitor", sourceId: monitorId });
}

/** Creates a monitor. A heartbeat monitor's secret URL token is returned once; only its hash is stored. */
export function createMonitor(
  db: Db,
  actor: Actor,
  raw: unknown,
  now = Date.now(),
): { id: string; heartbeatToken: string | null } {
  assertCan(actor, "services.write");
  return db.transaction(
    (tx) => {
      const { pageId, settings } = settingsFrom(tx, raw);
      const heartbeatToken = settings.kind === "heartbeat" ? newSecretToken() : null;
      const id = insertMonitor(tx, {
        pageId,
        settings,
        heartbeatTokenHash: heartbeatToken ? hashToken(heartbeatToken) : null,
        at: now,
      });
      insertAuditEntry(tx, {
        at: now,
        ...auditActor(actor),
        action: "monitor.create",
        targetType: "monitor",
        targetId: id,
        detail: { name: settings.name, kind: settings.kind },
      });
      return { id, heartbeatToken };
    },
    { behavior: "immediate" },
  );
}

export function updateMonitor(db: Db, actor: Actor, id: string, raw: unknown, now = Date.now()): void {
  assertCan(actor, "services.write");
  db.transaction(
    (tx) => {
      const before = findMonitor(tx, id);
      if (!before) throw notFound("Monitor");
      const { settings } = settingsFrom(tx, raw);
      if (settings.kind !== before.kind) throw invalid("kind", "A monitor's kind cannot change: create a new monitor");
      const reset =
        JSON.stringify(settings.config) !== JSON.stringify(before.config) ||
        settings.componentId !== before.componentId ||
        settings.failureStatus !== before.failureStatus ||
        settings.slowThresholdMs !== before.slowThresholdMs;
      if (reset) withdrawClaims(tx, id, now);
      updateMonitorSettings(tx, id, settings, now, reset);
      insertAuditEntry(tx, {
        at: now,
        ...auditActor(actor),
        action: "monitor.update",
        targetType: "monitor",
        targetId: id,
        detail: { name: settings.name },
      });
    },
    { behavior: "immediate" },
  );
}

/** Pausing withdraws the monitor's claims: a monitor that is not looking says nothing. */
export function pauseMonitor(db: Db, actor: Actor, id: string, paused: boolean, now = Date.now()): void {
  assertCan(actor, "services.write");
  db.transaction(
    (tx) => {
      const monitor = findMonitor(tx, id);
      if (!monitor) throw notFound("Monitor");
      if (monitor.paused === paused) return;
      if (paused) withdrawClaims(tx, id, now);
      setMonitorPaused(tx, id, paused, now);
      insertAuditEntry(tx, {
        at: now,
        ...auditActor(actor),
        action: paused ? "monitor.pause" : "monitor.resume",
        targetType: "monitor",
        targetId: id,
        detail: { name: monitor.name },
      });
    },
    { behavior: "immediate" },
  );
}

export function deleteMonitor(db: Db, actor: Actor, id: string, now = Date.now()): void {
  assertCan(actor, "services.write");
  db.transaction(
    (tx) => {
      const monitor = findMonitor(tx, id);
      if (!monitor) throw notFound("Monitor");
      withdrawClaims(tx, id, now);
      deleteMonitorRow(tx, id);
      insertAuditEntry(tx, {
        at: now,
        ...auditActor(actor),
        action: "monitor.delete",
        targetType: "monitor",
        targetId: id,
        detail: { name: monitor.name },
      });
    },
    { behavior: "immediate" },
  );
}
