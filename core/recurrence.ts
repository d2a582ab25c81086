// Recurring maintenance rules: a subset of RFC 5545 RRULE that covers what IT teams schedule ("every Sunday
// 02:00-03:00", "the first Tuesday of each month", "every other Wednesday"), read in the page's time zone.
//   FREQ=DAILY[;INTERVAL=n]
//   FREQ=WEEKLY[;INTERVAL=n];BYDAY=SU[,MO...]
//   FREQ=MONTHLY;BYDAY=1TU | -1FR        (nth weekday; -1 = last)
//   FREQ=MONTHLY;BYMONTHDAY=15 | -1      (-1 = last day)
import { formatMinutes } from "@/core/format";
import { DAY } from "@/core/time";
import { zonedDate, zonedToUtc } from "./time-zone";

const WEEKDAYS = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"] as const;

export type Rule =
  | { freq: "DAILY"; interval: number }
  | { freq: "WEEKLY"; interval: number; byDay: number[] }
  | { freq: "MONTHLY"; nth: number; weekday: number }
  | { freq: "MONTHLY"; monthDay: number };

/** The most occurrences one rule may create per run: a rule can never flood the page. */
export const MAX_OCCURRENCES_PER_RUN = 60;
/** How far ahead occurrences are created. */
export const HORIZON = 60 * DAY;

export function parseRule(text: string): Rule | { error: string } {
  const parts = Object.fromEntries(
    text
      .trim()
      .toUpperCase()
      .split(";")
      .filter(Boolean)
      .map((p) => p.split("=") as [string, string]),
  );
  const interval = parts.INTERVAL === undefined ? 1 : Number(parts.INTERVAL);
  if (!Number.isInteger(interval) || interval < 1 || interval > 52)
    return { error: "INTERVAL must be a whole number from 1 to 52" };
  const known = new Set(["FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY"]);
  const unknown = Object.keys(parts).find((k) => !known.has(k));
  if (unknown) return { error: `${unknown} is not supported` };
  switch (parts.FREQ) {
    case "DAILY":
      return { freq: "DAILY", interval };
    case "WEEKLY": {
      const days = (parts.BYDAY ?? "").split(",").filter(Boolean);
      const byDay = days.map((d) => WEEKDAYS.indexOf(d as (typeof WEEKDAYS)[number]));
      if (days.length === 0 || byDay.includes(-1)) return { error: "WEEKLY needs BYDAY with days such as SU or MO,TH" };
      return { freq: "WEEKLY", interval, byDay: [...new Set(byDay)].sort() };
    }
    case "MONTHLY": {
      if (interval !== 1) return { error: "MONTHLY supports INTERVAL=1 only" };
      if (parts.BYDAY) {
        const m = /^(-1|[1-4])(SU|MO|TU|WE|TH|FR|SA)$/.exec(parts.BYDAY);
        if (!m) return { error: "MONTHLY BYDAY must look like 1TU (first Tuesday) or -1FR (last Friday)" };
        return { freq: "MONTHLY", nth: Number(m[1]), weekday: WEEKDAYS.indexOf(m[2] as (typeof WEEKDAYS)[number]) };
      }
      const monthDay = Number(parts.BYMONTHDAY);
      if (!Number.isInteger(monthDay) || monthDay === 0 || monthDay < -1 || monthDay > 28) {
        return { error: "MONTHLY needs BYDAY (e.g. 1TU) or BYMONTHDAY from 1 to 28, or -1 for the last day" };
      }
      return { freq: "MONTHLY", monthDay };
    }
    default:
      return { error: "FREQ must be DAILY, WEEKLY or MONTHLY" };
  }
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function matches(
  rule: Rule,
  date: { year: number; month: number; day: number; weekday: number },
  daysSinceAnchor: number,
): boolean {
  switch (rule.freq) {
    case "DAILY":
      return daysSinceAnchor % rule.interval === 0;
    case "WEEKLY": {
      const week = Math.floor((daysSinceAnchor + 7 * 1000) / 7) - 1000;
      return rule.byDay.includes(date.weekday) && week % rule.interval === 0;
    }
    case "MONTHLY": {
      const last = daysInMonth(date.year, date.month);
      if ("monthDay" in rule) return rule.monthDay === -1 ? date.day === last : date.day === rule.monthDay;
      if (date.weekday !== rule.weekday) return false;
      return rule.nth === -1 ? date.day + 7 > last : Math.ceil(date.day / 7) === rule.nth;
    }
  }
}

/**
 * Occurrence starts (UTC ms) of `rule` at local `startTime` ("HH:MM") in `timeZone`, with from <= start < until,
 * at most `limit` of them. Intervals count from the local date of `anchor`.
 */
export function occurrences(
  rule: Rule,
  startTime: string,
  timeZone: string,
  anchor: number,
  from: number,
  until: number,
  limit = MAX_OCCURRENCES_PER_RUN,
): number[] {
  const [hour, minute] = startTime.split(":").map(Number);
  const a = zonedDate(anchor, timeZone);
  const anchorDay = Date.UTC(a.year, a.month - 1, a.day) / DAY;
  const first = zonedDate(from, timeZone);
  const out: number[] = [];
  // Walk local calendar days; a day is a UTC date used purely as a calendar.
  for (let day = Date.UTC(first.year, first.month - 1, first.day) / DAY; out.length < limit; day++) {
    const d = new Date(day * DAY);
    const date = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: d.getUTCDay() };
    const start = zonedToUtc(date.year, date.month, date.day, hour, minute, timeZone);
    if (start >= until) break;
    if (start >= from && day >= anchorDay && matches(rule, date, day - anchorDay)) out.push(start);
  }
  return out;
}

const DAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const ORDINALS: Record<number, string> = { 1: "first", 2: "second", 3: "third", 4: "fourth", [-1]: "last" };

function list(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/** "Every Sunday", "Every 2 weeks on Monday and Thursday", "The first Tuesday of each month"... */
export function describeRule(rule: Rule): string {
  switch (rule.freq) {
    case "DAILY":
      return rule.interval === 1 ? "Every day" : `Every ${rule.interval} days`;
    case "WEEKLY": {
      const days = list(rule.byDay.map((d) => DAY_NAMES[d]));
      return rule.interval === 1 ? `Every ${days}` : `Every ${rule.interval} weeks on ${days}`;
    }
    case "MONTHLY":
      if ("monthDay" in rule)
        return rule.monthDay === -1 ? "The last day of each month" : `Day ${rule.monthDay} of each month`;
      return `The ${ORDINALS[rule.nth]} ${DAY_NAMES[rule.weekday]} of each month`;
  }
}

/** "Every Sunday at 02:00 (Etc/UTC) for 1 hour": a stored rule in words, the one wording the console and the page use. */
export function describeRecurrence(r: {
  rule: string;
  startTime: string;
  timeZone: string;
  durationMinutes: number;
}): string {
  const rule = parseRule(r.rule);
  return `${"error" in rule ? r.rule : describeRule(rule)} at ${r.startTime} (${r.timeZone}) for ${formatMinutes(r.durationMinutes)}`;
}

/** What a rule builder (the console's form) can say; turned into the RRULE subset above. */
export type RuleChoice =
  | { frequency: "daily"; interval: number }
  | { frequency: "weekly"; interval: number; days: number[] }
  | { frequency: "monthly_weekday"; nth: number; weekday: number }
  | { frequency: "monthly_day"; day: number };

export function ruleText(choice: RuleChoice): string {
  switch (choice.frequency) {
    case "daily":
      return choice.interval === 1 ? "FREQ=DAILY" : `FREQ=DAILY;INTERVAL=${choice.interval}`;
    case "weekly":
      return `FREQ=WEEKLY${choice.interval === 1 ? "" : `;INTERVAL=${choice.interval}`};BYDAY=${[
        ...new Set(choice.days),
      ]
        .sort()
        .map((d) => WEEKDAYS[d])
        .join(",")}`;
    case "monthly_weekday":
      return `FREQ=MONTHLY;BYDAY=${choice.nth}${WEEKDAYS[choice.weekday]}`;
    case "monthly_day":
      return `FREQ=MONTHLY;BYMONTHDAY=${choice.day}`;
  }
}
