// Pure rules for an incident's (or maintenance's) state: derived from its updates, never trusted from input.
import {
  ENDED_MAINTENANCE_STATUSES,
  INCIDENT_STATUS_LABELS,
  RESOLVED_INCIDENT_STATUSES,
  type AnyIncidentStatus,
  type ComponentStatus,
  type Impact,
  type IncidentKind,
} from "@/db/constants";
import { incidentImpact } from "./status";

export interface UpdateFacts {
  status: AnyIncidentStatus;
  displayAt: number;
  createdAt: number;
  newComponentStatuses: readonly ComponentStatus[];
}

export interface DerivedIncidentState {
  status: AnyIncidentStatus;
  impact: Impact | "maintenance";
  identifiedAt: number | null;
  monitoringAt: number | null;
  resolvedAt: number | null;
}

/** Updates in timeline order: by display time, then by when they were written (two at the same second). */
export function timelineOrder<T extends { displayAt: number; createdAt: number }>(updates: readonly T[]): T[] {
  return [...updates].sort((a, b) => a.displayAt - b.displayAt || a.createdAt - b.createdAt);
}

const RESOLVED = new Set<AnyIncidentStatus>([...RESOLVED_INCIDENT_STATUSES, ...ENDED_MAINTENANCE_STATUSES]);

export function isClosedStatus(status: AnyIncidentStatus): boolean {
  return RESOLVED.has(status);
}

/**
 * Whether resolving an incident puts a service back to operational: not when it already is, when a maintenance
 * has it, or when another open incident still holds it down.
 */
export function restoresOnResolve(status: ComponentStatus, heldElsewhere: boolean): boolean {
  return status !== "operational" && status !== "under_maintenance" && !heldElsewhere;
}

/**
 * Status is the newest update's; impact is the worst any affected component reached during the incident
 * (an incident that was a major outage stays critical in the history) unless overridden.
 */
export function deriveIncidentState(
  kind: IncidentKind,
  updates: readonly UpdateFacts[],
  impactOverride: Impact | null,
  fallbackStatus: AnyIncidentStatus,
): DerivedIncidentState {
  const ordered = timelineOrder(updates);
  const latest = ordered.at(-1);
  const status = latest?.status ?? fallbackStatus;
  const firstAt = (wanted: AnyIncidentStatus) => ordered.find((u) => u.status === wanted)?.displayAt ?? null;
  let resolvedAt: number | null = null;
  if (isClosedStatus(status)) {
    // A reopened and re-resolved incident ended at the closing update after its last open one, not at its first
    // resolution (a postmortem after that does not move the end either).
    const lastOpen = ordered.findLastIndex((u) => !isClosedStatus(u.status));
    resolvedAt = ordered[lastOpen + 1]?.displayAt ?? null;
  }
  const impact =
    kind === "maintenance"
      ? "maintenance"
      : incidentImpact(
          ordered.flatMap((u) => u.newComponentStatuses),
          impactOverride,
        );
  return {
    status,
    impact,
    identifiedAt: firstAt("identified"),
    monitoringAt: firstAt(kind === "maintenance" ? "verifying" : "monitoring"),
    resolvedAt,
  };
}

/**
 * The label each update shows on the page and in the feeds: its status, or "Update" when the status
 * did not change from the previous update. Takes and returns updates in timeline order (oldest first).
 */
export function updateLabels<T extends { status: AnyIncidentStatus }>(
  oldestFirst: readonly T[],
  labels: Record<AnyIncidentStatus, string> = INCIDENT_STATUS_LABELS,
): string[] {
  return oldestFirst.map((u, i) => (i > 0 && oldestFirst[i - 1].status === u.status ? "Update" : labels[u.status]));
}

const IMPACT_RANK: Record<Impact | "maintenance", number> = {
  critical: 4,
  major: 3,
  minor: 2,
  none: 1,
  maintenance: 0,
};

/** Most severe first, then newest first: the order active incidents are listed in. */
export function bySeverity<T extends { impact: Impact | "maintenance"; startedAt: number }>(
  incidents: readonly T[],
): T[] {
  return [...incidents].sort((a, b) => IMPACT_RANK[b.impact] - IMPACT_RANK[a.impact] || b.startedAt - a.startedAt);
}
