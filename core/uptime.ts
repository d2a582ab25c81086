// Uptime from status history. A history row starts an interval that lasts until the next row of the same
// component (or until now). Days are the page time zone's days; each day gets its worst status and the
// share of its elapsed time that was up, weighting downtime per the spec: major outage fully, partial outage
// at 0.3, degraded performance and maintenance not at all.
import type { ComponentStatus } from "@/db/constants";
import { componentSeverity } from "./status";
import type { LocalDay } from "./time-zone";

export const DOWNTIME_WEIGHT: Record<ComponentStatus, number> = {
  major_outage: 1,
  partial_outage: 0.3,
  degraded_performance: 0,
  under_maintenance: 0,
  operational: 0,
};

export interface StatusChange {
  status: ComponentStatus;
  at: number;
}

export interface DayUptime {
  date: string;
  /** null: no data (before the component started, or a day still in the future). */
  uptime: number | null;
  worst: ComponentStatus | null;
  /** Weighted downtime in ms. */
  downtime: number;
  /** Time with data in ms (the day's length, cut at the start date, the first row and now). */
  observed: number;
}

export interface UptimeInput {
  /** Status history of one component, any order; rows before the window are used for the status at its start. */
  changes: readonly StatusChange[];
  days: readonly LocalDay[];
  now: number;
  /** The component's start date "YYYY-MM-DD"; days before it are "no data". */
  startDate?: string | null;
}

/** Per-day uptime for one component over the given local days (oldest first). */
export function dailyUptime({ changes, days, now, startDate }: UptimeInput): DayUptime[] {
  const rows = [...changes].sort((a, b) => a.at - b.at);
  const out: DayUptime[] = [];
  const firstAt = rows.length ? rows[0].at : Infinity;
  // Index of the first row after the current position: rows are walked once across all days.
  let next = 0;
  let current: ComponentStatus | null = null;
  for (const day of days) {
    const dataFrom = Math.max(day.start, firstAt);
    const dataTo = Math.min(day.end, now);
    if (startDate && startDate > day.date) {
      out.push({ date: day.date, uptime: null, worst: null, downtime: 0, observed: 0 });
      continue;
    }
    while (next < rows.length && rows[next].at <= day.start) current = rows[next++].status;
    let worst: ComponentStatus | null = null;
    let downtime = 0;
    let observed = 0;
    let cursor = day.start;
    let status = current;
    let i = next;
    const account = (from: number, to: number, s: ComponentStatus | null) => {
      const a = Math.max(from, dataFrom);
      const b = Math.min(to, dataTo);
      if (s === null || b <= a) return;
      observed += b - a;
      downtime += (b - a) * DOWNTIME_WEIGHT[s];
      if (worst === null || componentSeverity(s) > componentSeverity(worst)) worst = s;
    };
    while (i < rows.length && rows[i].at < day.end) {
      account(cursor, rows[i].at, status);
      cursor = rows[i].at;
      status = rows[i].status;
      i++;
    }
    account(cursor, day.end, status);
    if (observed === 0) out.push({ date: day.date, uptime: null, worst: null, downtime: 0, observed: 0 });
    else out.push({ date: day.date, uptime: 1 - downtime / observed, worst, downtime, observed });
  }
  return out;
}

/** Uptime over a run of days: weighted by observed time, so a partial first day counts for what it saw. */
export function periodUptime(days: readonly DayUptime[]): number | null {
  let observed = 0;
  let downtime = 0;
  for (const d of days) {
    observed += d.observed;
    downtime += d.downtime;
  }
  return observed === 0 ? null : 1 - downtime / observed;
}

/** "99.95%": two decimals, never rounded up to 100% while there was downtime. */
/** An uptime as a percentage in a language ("99,95 %" in French), floored like formatUptime; null for no data. */
export function formatUptimeIn(uptime: number | null, locale: string): string | null {
  if (uptime === null) return null;
  const floored = Math.floor(uptime * 10000) / 10000;
  return new Intl.NumberFormat(locale, { style: "percent", minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(
    floored,
  );
}

export function formatUptime(uptime: number | null): string {
  if (uptime === null) return "No data";
  const floored = Math.floor(uptime * 10000) / 100;
  return `${floored.toFixed(2)}%`;
}

const mean = (values: number[]): number | null =>
  values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;

/**
 * A group's days from its children's (the spec: a group's uptime is the mean of its children's). Each day's
 * uptime is the mean over the children with data that day, its worst status the worst of theirs.
 */
export function groupDailyUptime(children: readonly (readonly DayUptime[])[]): DayUptime[] {
  if (children.length === 0) return [];
  return children[0].map((first, i) => {
    const days = children.map((c) => c[i]).filter((d) => d.uptime !== null);
    let worst: ComponentStatus | null = null;
    for (const d of days)
      if (d.worst && (worst === null || componentSeverity(d.worst) > componentSeverity(worst))) worst = d.worst;
    return {
      date: first.date,
      uptime: mean(days.map((d) => d.uptime!)),
      worst,
      downtime: days.reduce((sum, d) => sum + d.downtime, 0),
      observed: days.reduce((sum, d) => sum + d.observed, 0),
    };
  });
}

/** A group's uptime over a period: the mean of its children's (those with data). */
export function groupPeriodUptime(children: readonly (number | null)[]): number | null {
  return mean(children.filter((u): u is number => u !== null));
}
