// Calendar days in a page's IANA time zone, without a date library: Intl gives the wall clock of an instant,
// and a local midnight is found from it in two passes (the second corrects a DST change between the guess
// and the answer).

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The zone's offset from UTC at an instant, in ms (UTC+13 -> +13h). */
export function zoneOffset(at: number, timeZone: string): number {
  const p: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(at)) {
    if (part.type !== "literal") p[part.type] = Number(part.value);
  }
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - Math.floor(at / 1000) * 1000;
}

/** "YYYY-MM-DD" of an instant in the zone. */
export function localDate(at: number, timeZone: string): string {
  return new Date(at + zoneOffset(at, timeZone)).toISOString().slice(0, 10);
}

/**
 * The instant a wall-clock time happens in the zone. A time skipped by a daylight-saving change moves forward
 * by the gap; a time that happens twice resolves to one of the two.
 */
export function zonedToUtc(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  timeZone: string,
): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const guess = wall - zoneOffset(wall, timeZone);
  return wall - zoneOffset(guess, timeZone);
}

/** The instant a local date ("YYYY-MM-DD") begins in the zone. */
export function startOfLocalDay(date: string, timeZone: string): number {
  const [y, m, d] = date.split("-").map(Number);
  return zonedToUtc(y, m, d, 0, 0, timeZone);
}

/** The calendar date (and weekday, 0 = Sunday) of an instant in the zone. */
export function zonedDate(at: number, timeZone: string): { year: number; month: number; day: number; weekday: number } {
  const d = new Date(at + zoneOffset(at, timeZone));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: d.getUTCDay() };
}

/** The local date `n` days after `date` (negative for before). */
export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

export interface LocalDay {
  date: string;
  start: number;
  end: number;
}

/** The last `count` local days ending with today (in the zone), oldest first, with their real lengths. */
export function lastLocalDays(now: number, count: number, timeZone: string): LocalDay[] {
  const today = localDate(now, timeZone);
  const days: LocalDay[] = [];
  let end = startOfLocalDay(addDays(today, 1), timeZone);
  for (let i = 0; i < count; i++) {
    const date = addDays(today, -i);
    const start = startOfLocalDay(date, timeZone);
    days.push({ date, start, end });
    end = start;
  }
  return days.reverse();
}

/** The month "YYYY-MM" `n` months after `month` (negative for before). */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1 + n, 1)).toISOString().slice(0, 7);
}

/** History pages: page 1 is the current month and the two before it, page 2 the three before those... */
export function historyPageMonths(now: number, page: number, timeZone: string, perPage = 3): string[] {
  const newest = addMonths(localDate(now, timeZone).slice(0, 7), -(page - 1) * perPage);
  return Array.from({ length: perPage }, (_, i) => addMonths(newest, -i));
}

/** Reads `?page=`: a whole number from 1 to 1000, anything else is page 1. */
export function parsePageNumber(value: unknown): number {
  const n = typeof value === "string" && /^\d{1,4}$/.test(value) ? Number(value) : 1;
  return n >= 1 && n <= 1000 ? n : 1;
}
