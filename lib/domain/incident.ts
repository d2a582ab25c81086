// Pure rules for an incident's (or maintenance's) state: derived from its updates, never trusted from input.
import type { AnyIncidentStatus, ComponentStatus, Impact, IncidentKind } from "@/db/constants";
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

const RESOLVED = new Set<AnyIncidentStatus>(["resolved", "postmortem", "completed", "cancelled"]);

export function isClosedStatus(status: AnyIncidentStatus): boolean {
  return RESOLVED.has(status);
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
    const closing = ordered.find((u) => isClosedStatus(u.status));
    resolvedAt = closing?.displayAt ?? null;
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
