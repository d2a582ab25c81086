// The rules of visitor reports that need no database: how reports fall into triage groups, and when they
// make a spike. The console and the submit verb both read them from here.
import { MINUTE } from "./time";

export interface ReportLike {
  id: string;
  componentId: string | null;
  createdAt: number;
}

export interface ReportGroup<R extends ReportLike> {
  /** Null: "something else". */
  componentId: string | null;
  /** The oldest and newest report's time. */
  from: number;
  to: number;
  /** Newest first. */
  reports: R[];
}

/**
 * Groups reports by service, then splits each service's reports where two in a row are more than `gapMs`
 * apart: one burst of complaints is one group, however long it lasts. Groups come newest first.
 */
export function groupReports<R extends ReportLike>(reports: readonly R[], gapMs: number): ReportGroup<R>[] {
  const byService = new Map<string | null, R[]>();
  for (const r of reports) {
    const list = byService.get(r.componentId) ?? [];
    list.push(r);
    byService.set(r.componentId, list);
  }
  const groups: ReportGroup<R>[] = [];
  for (const [componentId, list] of byService) {
    list.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1));
    let current: ReportGroup<R> | null = null;
    for (const r of list) {
      if (current && current.from - r.createdAt <= gapMs) {
        current.reports.push(r);
        current.from = r.createdAt;
      } else {
        current = { componentId, from: r.createdAt, to: r.createdAt, reports: [r] };
        groups.push(current);
      }
    }
  }
  return groups.sort((a, b) => b.to - a.to);
}

export interface SpikeRule {
  threshold: number;
  minutes: number;
}

/** True when `recentCount` reports (this one included) arrived within the rule's window: a spike. */
export function isSpike(recentCount: number, rule: SpikeRule): boolean {
  return recentCount >= rule.threshold;
}

/** A spike goes on while reports keep coming within the window of its last one. */
export function spikeStillOn(lastReportAt: number, now: number, rule: SpikeRule): boolean {
  return now - lastReportAt <= rule.minutes * MINUTE;
}

export const spikeWindowMs = (rule: SpikeRule) => rule.minutes * MINUTE;

/** A triage group named in a link or a form: its service (or "other") and its time span. */
export interface GroupRef {
  componentId: string | null;
  from: number;
  to: number;
}

const REF = /^([0-9a-z]{12}|other)~(\d{1,15})~(\d{1,15})$/;

export const encodeGroupRef = (g: GroupRef) => `${g.componentId ?? "other"}~${g.from}~${g.to}`;

/** The group a link or form names, or null when the text is not one. */
export function decodeGroupRef(value: string | null | undefined): GroupRef | null {
  const m = REF.exec(value ?? "");
  if (!m) return null;
  const from = Number(m[2]);
  const to = Number(m[3]);
  if (from > to) return null;
  return { componentId: m[1] === "other" ? null : m[1], from, to };
}
