// Alert intake: a payload from Alertmanager, Grafana or the generic shape, authenticated by the integration's
// secret (in the URL, or `Authorization: Bearer`). Each firing alert opens (or keeps) one claim keyed by its
// fingerprint, so grouped notifications, repeats and re-sends dedupe through openClaim's idempotence; a
// resolved alert ends its claim; a firing alert that started before its claim last ended is a stale re-send
// and is ignored. Then, in the same transaction, the services' statuses are reconciled through the
// precedence table, the team alert is queued and the payload is logged with what it did. Automatic incidents
// follow (services/monitors/automation.ts). An alert for an unknown service is only logged.
import { timingSafeEqual } from "node:crypto";
import type { Db, Tx } from "@/db";
import { COMPONENT_STATUS_LABELS, type ComponentStatus, type PayloadOutcome } from "@/db/constants";
import { findIntegration, firingAlerts, lastEndedAt, liveServices } from "@/db/queries/integrations";
import type { Integration } from "@/db/schema";
import { endClaim, openClaim } from "@/db/writes/claims";
import { recordPayload } from "@/db/writes/integrations";
import { enqueueNotification } from "@/db/writes/outbox";
import { optedInAddresses } from "@/db/writes/team-alerts";
import { hashToken } from "@/services/auth/tokens";
import { componentSeverity } from "@/core/status";
import { ID_PATTERN } from "@/core/ids";
import { reconcileComponentStatus } from "@/services/monitors/apply-claims";
import { reconcileIncidentFor, type AutomationStep } from "@/services/monitors/automation";
import { parsePayload, serviceForAlert, statusForAlert, type IncomingAlert } from "./payloads";

/** Requests per integration per minute: far above Alertmanager's pace (the bench sends 100 a second). */
export const INTAKE_LIMIT = { perWindow: 12_000, windowMs: 60_000 };
export const MAX_INTAKE_BYTES = 1024 * 1024;

type AlertResult = {
  fingerprint: string;
  service: string | null;
  did: "opened" | "changed" | "ended" | "unchanged" | "stale" | "unknown_service";
  reason?: string;
};

export interface IntakeSummary {
  ok: true;
  alerts: number;
  opened: number;
  ended: number;
  unchanged: number;
  unknownService: number;
  stale: number;
  automation: AutomationStep[];
}

/** The integration when the secret is its own; null otherwise (an unknown id looks the same as a wrong secret). */
export function authenticateIntake(db: Db, id: string, secret: string | null): Integration | null {
  if (!secret || !ID_PATTERN.test(id) || secret.length > 200) return null;
  const integration = findIntegration(db, id);
  if (!integration) return null;
  const given = Buffer.from(hashToken(secret), "hex");
  const stored = Buffer.from(integration.secretHash, "hex");
  return given.length === stored.length && timingSafeEqual(given, stored) ? integration : null;
}

// In memory, per process: the limit only stops a runaway sender, and a database write per request for it would
// cost as much as the payload itself (measured by bench:intake).
const windows = new Map<string, { start: number; count: number }>();

/** Seconds to wait when over the limit, else 0 (and the request is counted). */
export function takeIntakeToken(integrationId: string, now: number): number {
  let w = windows.get(integrationId);
  if (!w || now - w.start >= INTAKE_LIMIT.windowMs) {
    w = { start: now, count: 0 };
    windows.set(integrationId, w);
  }
  w.count++;
  return w.count > INTAKE_LIMIT.perWindow ? Math.max(1, Math.ceil((w.start + INTAKE_LIMIT.windowMs - now) / 1000)) : 0;
}

export function resetIntakeLimitsForTests(): void {
  windows.clear();
}

/** A payload that is not of the integration's format: logged as rejected, nothing else changes. */
export function rejectPayload(db: Db, integration: Integration, reason: string, text: string, now: number): void {
  db.transaction(
    (tx) =>
      recordPayload(tx, {
        integrationId: integration.id,
        at: now,
        outcome: "rejected",
        summary: `Rejected: ${reason}`,
        detail: { reason },
        body: text,
      }),
    { behavior: "immediate" },
  );
}

function applyAlert(
  tx: Tx,
  integration: Integration,
  alert: IncomingAlert,
  target: string,
  now: number,
  touched: Set<string>,
): AlertResult["did"] {
  const base = { source: "integration" as const, sourceId: integration.id, key: alert.fingerprint };
  if (!alert.firing) {
    const ended = endClaim(tx, base.source, base.sourceId, base.key, now);
    if (ended) touched.add(ended);
    return ended ? "ended" : "unchanged";
  }
  const wasOpen = firingAlerts(tx, integration.id).find((c) => c.key === alert.fingerprint);
  if (!wasOpen && alert.startsAt !== null) {
    const endedAt = lastEndedAt(tx, integration.id, alert.fingerprint);
    if (endedAt !== null && alert.startsAt <= endedAt) return "stale";
  }
  const status = statusForAlert(alert, integration.severityMap, integration.defaultStatus);
  const changed = openClaim(tx, { ...base, componentId: target, status, summary: alert.summary, at: now });
  if (!changed) return "unchanged";
  touched.add(target);
  if (wasOpen) touched.add(wasOpen.componentId);
  return wasOpen ? "changed" : "opened";
}

function queueTeamAlert(
  tx: Tx,
  integration: Integration,
  firing: { alert: IncomingAlert; service: string }[],
  at: number,
): void {
  const to = optedInAddresses(tx);
  if (to.length === 0 || firing.length === 0) return;
  const first = firing[0];
  const what = first.alert.labels.alertname ?? first.alert.summary ?? "Alert";
  const status =
    COMPONENT_STATUS_LABELS[
      statusForAlert(first.alert, integration.severityMap, integration.defaultStatus)
    ].toLowerCase();
  const more = firing.length > 1 ? ` and ${firing.length - 1} more alert${firing.length > 2 ? "s" : ""}` : "";
  enqueueNotification(tx, {
    pageId: integration.pageId,
    kind: "monitor_down",
    at,
    payload: {
      to,
      monitorId: integration.id,
      consolePath: `/admin/integrations/${integration.id}`,
      monitorName: `${what} (${integration.name})`,
      serviceName: first.service,
      error: `${first.alert.summary ?? what}${more}`,
      at,
      consequence: `The service shows ${status} (unless an incident or maintenance holds it).${integration.incidentMode === "status_only" ? " No incident was posted: subscribers have not been told." : ""}`,
    },
  });
}

/** Applies a received payload (already authenticated and read). `null` result: the payload was malformed. */
export async function receivePayload(
  db: Db,
  integration: Integration,
  json: unknown,
  text: string,
  now = Date.now(),
): Promise<{ ok: false; reason: string } | IntakeSummary> {
  const parsed = parsePayload(integration.kind, json);
  if (!parsed.ok) {
    rejectPayload(db, integration, parsed.reason, text, now);
    return parsed;
  }
  const { results, touched } = db.transaction(
    (tx) => {
      const services = liveServices(tx, integration.pageId);
      const names = new Map(services.map((s) => [s.id, s.name]));
      const touched = new Set<string>();
      const results: AlertResult[] = [];
      const newlyFiring: { alert: IncomingAlert; service: string }[] = [];
      for (const alert of parsed.alerts) {
        const target = serviceForAlert(alert, services, integration.matchers);
        if ("unknown" in target) {
          results.push({
            fingerprint: alert.fingerprint,
            service: null,
            did: "unknown_service",
            reason: target.unknown,
          });
          continue;
        }
        const did = applyAlert(tx, integration, alert, target.componentId, now, touched);
        results.push({ fingerprint: alert.fingerprint, service: names.get(target.componentId) ?? null, did });
        if (did === "opened") newlyFiring.push({ alert, service: names.get(target.componentId) ?? "" });
      }
      for (const componentId of touched)
        reconcileComponentStatus(tx, componentId, now, { source: "integration", sourceId: integration.id });
      queueTeamAlert(tx, integration, newlyFiring, now);
      recordPayload(tx, {
        integrationId: integration.id,
        at: now,
        outcome: outcomeOf(results),
        summary: summarize(results),
        detail: { alerts: results },
        body: text,
      });
      return { results, touched };
    },
    { behavior: "immediate" },
  );
  const automation: AutomationStep[] = [];
  for (const componentId of touched)
    automation.push(await reconcileIncidentFor(db, subjectFor(db, integration, componentId), now));
  const count = (d: AlertResult["did"][]) => results.filter((r) => d.includes(r.did)).length;
  return {
    ok: true,
    alerts: results.length,
    opened: count(["opened", "changed"]),
    ended: count(["ended"]),
    unchanged: count(["unchanged"]),
    unknownService: count(["unknown_service"]),
    stale: count(["stale"]),
    automation,
  };
}

function subjectFor(db: Db, integration: Integration, componentId: string) {
  const mine = firingAlerts(db, integration.id).filter((c) => c.componentId === componentId);
  const worst = mine.sort((a, b) => componentSeverity(b.status) - componentSeverity(a.status))[0];
  const summary = worst?.summary ? `: ${worst.summary}` : "";
  return {
    source: "integration" as const,
    sourceId: integration.id,
    componentId,
    incidentMode: integration.incidentMode,
    templateId: integration.templateId,
    claimed: (worst?.status ?? null) as ComponentStatus | null,
    recovered: mine.length === 0,
    fallback: {
      title: `Alert from ${integration.name}${summary}`.slice(0, 200),
      body: `Our monitoring (${integration.name}) reports a problem${summary}. We are investigating.`,
      resolved: `The alerts from ${integration.name} have resolved. This incident has been resolved.`,
    },
  };
}

function outcomeOf(results: AlertResult[]): PayloadOutcome {
  if (results.some((r) => r.did === "opened" || r.did === "changed" || r.did === "ended")) return "applied";
  if (results.some((r) => r.did === "unknown_service")) return "unknown_service";
  return "unchanged";
}

function summarize(results: AlertResult[]): string {
  const parts: string[] = [];
  const tally = (did: AlertResult["did"], words: string) => {
    const n = results.filter((r) => r.did === did).length;
    if (n) parts.push(`${n} ${words}`);
  };
  tally("opened", "claim(s) opened");
  tally("changed", "claim(s) changed status");
  tally("ended", "claim(s) ended");
  tally("unchanged", "unchanged");
  tally("stale", "stale re-send(s) ignored");
  tally("unknown_service", "for an unknown service");
  return `${results.length} alert(s): ${parts.join(", ")}`;
}
