// A report period (a month, a quarter or a year) is a stretch of the page's calendar: it starts and ends at
// local midnight in the page's time zone, so an incident at 23:30 on the 31st belongs to that month wherever
// UTC says it is. A month with a daylight-saving change is 743 or 745 hours long; its days are 23 or 25.
import { addDays, localDate, startOfLocalDay, zonedToUtc, type LocalDay } from "./time-zone";

export type PeriodKind = "month" | "quarter" | "year";

export interface ReportPeriod {
  kind: PeriodKind;
  /** The first instant of the period, [from, to). */
  from: number;
  to: number;
  /** As asked for: "2026-11", "2026-Q4" or "2026". */
  label: string;
  timeZone: string;
}

/** Local midnight of the first of a month; `month0` may run past 11 (the next year's months). */
const monthStart = (year: number, month0: number, timeZone: string) =>
  zonedToUtc(year + Math.floor(month0 / 12), (month0 % 12) + 1, 1, 0, 0, timeZone);

/** "2026-11", "2026-Q4" or "2026" to its bounds in the zone; null when it is not one. */
export function parsePeriod(value: string, timeZone: string): ReportPeriod | null {
  const span = (kind: PeriodKind, year: number, month0: number, months: number): ReportPeriod => ({
    kind,
    from: monthStart(year, month0, timeZone),
    to: monthStart(year, month0 + months, timeZone),
    label: value,
    timeZone,
  });
  let m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(value);
  if (m) return span("month", Number(m[1]), Number(m[2]) - 1, 1);
  m = /^(\d{4})-Q([1-4])$/.exec(value);
  if (m) return span("quarter", Number(m[1]), (Number(m[2]) - 1) * 3, 3);
  m = /^(\d{4})$/.exec(value);
  if (m) return span("year", Number(m[1]), 0, 12);
  return null;
}

/** The month "YYYY-MM" that `now` falls in, on the zone's calendar. */
export function currentMonth(now: number, timeZone: string): string {
  return localDate(now, timeZone).slice(0, 7);
}

/** The month before the one `now` falls in, on the zone's calendar. */
export function previousMonth(now: number, timeZone: string): string {
  const [y, m] = currentMonth(now, timeZone).split("-").map(Number);
  return new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
}

/** The local days of a period, with their real lengths (the last one cut at `to`). */
export function periodDays(period: { from: number; to: number; timeZone: string }): LocalDay[] {
  const days: LocalDay[] = [];
  let date = localDate(period.from, period.timeZone);
  for (let start = period.from; start < period.to;) {
    const next = addDays(date, 1);
    const end = Math.min(startOfLocalDay(next, period.timeZone), period.to);
    days.push({ date, start, end });
    start = end;
    date = next;
  }
  return days;
}

/** Why a period cannot be reported on, as a code for a translated message, or null. */
export function periodProblemKind(
  period: { from: number; to: number },
  now: number,
  pageCreatedAt: number,
): "future" | "beforePage" | null {
  if (period.from > now) return "future";
  if (period.to <= pageCreatedAt) return "beforePage";
  return null;
}

/** Why a period cannot be reported on, or null: in the future, or before the page existed. */
export function periodProblem(period: { from: number; to: number }, now: number, pageCreatedAt: number): string | null {
  const kind = periodProblemKind(period, now, pageCreatedAt);
  if (kind === "future") return "That period has not started yet.";
  if (kind === "beforePage") return "That period ends before this status page existed.";
  return null;
}
