// Pure status rules: page indicator, group status, incident impact. One function each, no I/O.
// The rules are the ones in shared/specs/statuspage-v2.md ("Derived values").
import type { ComponentStatus, Impact, Indicator, StatusDescription } from "@/db/constants";

/** Worst first, as a group's status is chosen. */
const SEVERITY: Record<ComponentStatus, number> = {
  major_outage: 4,
  partial_outage: 3,
  degraded_performance: 2,
  under_maintenance: 1,
  operational: 0,
};

export function componentSeverity(status: ComponentStatus): number {
  return SEVERITY[status];
}

/** A group's status is its worst child's; an empty group is operational. */
export function groupStatus(children: readonly ComponentStatus[]): ComponentStatus {
  let worst: ComponentStatus = "operational";
  for (const status of children) if (SEVERITY[status] > SEVERITY[worst]) worst = status;
  return worst;
}

/** Impact from the affected components' statuses, unless an admin overrode it. */
export function incidentImpact(
  affectedStatuses: readonly ComponentStatus[],
  override: Impact | null | undefined = null,
): Impact {
  if (override) return override;
  switch (groupStatus(affectedStatuses)) {
    case "major_outage":
      return "critical";
    case "partial_outage":
      return "major";
    case "degraded_performance":
      return "minor";
    default:
      return "none";
  }
}

export interface PageStatus {
  indicator: Indicator;
  description: StatusDescription;
}

const INDICATOR_RANK: Record<Indicator, number> = { none: 0, maintenance: 1, minor: 2, major: 3, critical: 4 };

const DESCRIPTION_FOR_IMPACT: Record<Exclude<Impact, "none">, StatusDescription> = {
  minor: "Minor Service Outage",
  major: "Partial System Outage",
  critical: "Major System Outage",
};

/** The page indicator from the component statuses alone (the spec's table, row by row). */
export function indicatorFromComponents(statuses: readonly ComponentStatus[]): PageStatus {
  const n = statuses.length;
  const count = (s: ComponentStatus) => statuses.filter((x) => x === s).length;
  const major = count("major_outage");
  const partial = count("partial_outage");
  const degraded = count("degraded_performance");
  const maintenance = count("under_maintenance");

  if (n > 0 && major === n) return { indicator: "critical", description: "Major System Outage" };
  if (major > 0 || (n > 0 && partial === n)) return { indicator: "major", description: "Partial System Outage" };
  if (partial > 0) return { indicator: "minor", description: "Minor Service Outage" };
  if (n > 0 && degraded === n) return { indicator: "minor", description: "Degraded System Service" };
  if (degraded > 0) return { indicator: "minor", description: "Partially Degraded Service" };
  if (maintenance > 0) return { indicator: "maintenance", description: "Service Under Maintenance" };
  return { indicator: "none", description: "All Systems Operational" };
}

/**
 * The page's overall status: from the components, never lower than the worst unresolved incident's impact,
 * and "maintenance" while a maintenance is in progress and nothing is worse.
 */
export function pageStatus(input: {
  componentStatuses: readonly ComponentStatus[];
  unresolvedIncidentImpacts?: readonly Impact[];
  maintenanceInProgress?: boolean;
}): PageStatus {
  let result = indicatorFromComponents(input.componentStatuses);
  for (const impact of input.unresolvedIncidentImpacts ?? []) {
    if (impact === "none") continue;
    if (INDICATOR_RANK[impact] > INDICATOR_RANK[result.indicator]) {
      result = { indicator: impact, description: DESCRIPTION_FOR_IMPACT[impact] };
    }
  }
  if (input.maintenanceInProgress && result.indicator === "none") {
    result = { indicator: "maintenance", description: "Service Under Maintenance" };
  }
  return result;
}

/** A service marked "only show if degraded" is left off the page while it is operational. */
export function visibleComponent(c: { onlyShowIfDegraded: boolean; status: ComponentStatus }): boolean {
  return !c.onlyShowIfDegraded || c.status !== "operational";
}
