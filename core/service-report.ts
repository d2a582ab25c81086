// The service report's measures, as pure functions of plain rows, so each is tested with figures worked out
// by hand. Times are epoch ms; a period is [from, to).
import type { Impact } from "@/db/constants";

export interface ReportIncident {
  id: string;
  impact: Impact;
  startedAt: number;
  resolvedAt: number | null;
  /** When the first public update was posted (its createdAt: when people could read it). */
  firstPostedAt: number | null;
  componentIds: readonly string[];
  /** When a monitor or alert saw it first (core/service-report-measures.ts detectedAt); absent: its start. */
  detectedAt?: number;
}

export interface ReportVisitorReport {
  componentId: string | null;
  createdAt: number;
}

export interface ReportVote {
  helpful: boolean;
}

/** A visitor report this long before an incident's start still counts as "about" that incident. */
export const REPORT_LEAD_MS = 60 * 60 * 1000;

export function incidentsByImpact(incidents: readonly ReportIncident[]): Record<Impact, number> {
  const out: Record<Impact, number> = { none: 0, minor: 0, major: 0, critical: 0 };
  for (const i of incidents) out[i.impact]++;
  return out;
}

const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);

/** From detection (or the start, when nothing saw it earlier) to the first public update. */
export function timeToFirstUpdate(i: ReportIncident): number | null {
  if (i.firstPostedAt === null) return null;
  return Math.max(0, i.firstPostedAt - Math.min(i.startedAt, i.detectedAt ?? i.startedAt));
}

/** Mean time to the first public update (timeToFirstUpdate); null without incidents that have one. */
export function meanTimeToFirstUpdate(incidents: readonly ReportIncident[]): number | null {
  return mean(incidents.map(timeToFirstUpdate).filter((t): t is number => t !== null));
}

/** Mean time to resolution (MTTR) of the resolved incidents. */
export function meanTimeToResolve(incidents: readonly ReportIncident[]): number | null {
  return mean(incidents.filter((i) => i.resolvedAt !== null).map((i) => i.resolvedAt! - i.startedAt));
}

/**
 * "Heard it from us first": the share of incidents posted before the first visitor report about one of its
 * services (from REPORT_LEAD_MS before its start to its end). An incident nobody reported counts as first.
 * Null without incidents that were posted.
 */
export function heardFromUsFirstRate(
  incidents: readonly ReportIncident[],
  reports: readonly ReportVisitorReport[],
): number | null {
  const posted = incidents.filter((i) => i.firstPostedAt !== null);
  if (posted.length === 0) return null;
  // Each service's report times, sorted: the earliest report in an incident's window is one binary search.
  const times = new Map<string, number[]>();
  for (const r of reports) {
    if (r.componentId === null) continue;
    const list = times.get(r.componentId) ?? [];
    list.push(r.createdAt);
    times.set(r.componentId, list);
  }
  for (const list of times.values()) list.sort((a, b) => a - b);
  let first = 0;
  for (const i of posted) {
    const end = i.resolvedAt ?? Infinity;
    let earliest = Infinity;
    for (const id of new Set(i.componentIds)) {
      const list = times.get(id);
      if (!list) continue;
      const at = list[lowerBound(list, i.startedAt - REPORT_LEAD_MS)];
      if (at !== undefined && at <= end && at < earliest) earliest = at;
    }
    if (i.firstPostedAt! <= earliest) first++;
  }
  return first / posted.length;
}

/** The index of the first value >= x in a sorted list (its length when none is). */
function lowerBound(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Share of "Yes" among the votes; null without votes. */
export function helpfulShare(votes: readonly ReportVote[]): number | null {
  if (votes.length === 0) return null;
  return votes.filter((v) => v.helpful).length / votes.length;
}
