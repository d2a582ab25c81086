// How times read on the public pages. The server renders them in the page's time zone; public/page.js
// re-renders the same formats in the visitor's zone. Both always name the zone.
import { MINUTE } from "./time";

const cache = new Map<string, Intl.DateTimeFormat>();
function formatter(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let f = cache.get(key);
  if (!f) cache.set(key, (f = make()));
  return f;
}

export type TimeStyle = "datetime" | "time" | "date";

const OPTIONS: Record<TimeStyle, Intl.DateTimeFormatOptions> = {
  datetime: {
    month: "short",
    day: "numeric",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short",
  },
  time: { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short" },
  date: { month: "short", day: "numeric", year: "numeric" },
};

/** `locale` is a BCP 47 tag (core/i18n/locales.ts); "en-US" keeps the English pages as they always read. */
export function formatTime(at: number, timeZone: string, style: TimeStyle = "datetime", locale = "en-US"): string {
  return formatter(
    `${style}|${timeZone}|${locale}`,
    () => new Intl.DateTimeFormat(locale, { ...OPTIONS[style], timeZone }),
  ).format(at);
}

/** A local calendar date "YYYY-MM-DD" as "Nov 23, 2026" (no zone: it is already the page's day). */
export function formatLocalDate(date: string, style: "long" | "short" = "short", locale = "en-US"): string {
  const [y, m, d] = date.split("-").map(Number);
  const options: Intl.DateTimeFormatOptions =
    style === "long" ? { weekday: "long", month: "long", day: "numeric", year: "numeric" } : OPTIONS.date;
  return formatter(
    `local-${style}|${locale}`,
    () => new Intl.DateTimeFormat(locale, { ...options, timeZone: "UTC" }),
  ).format(Date.UTC(y, m - 1, d));
}

/** "January 2026" for a "YYYY-MM" month. */
export function formatMonth(month: string, locale = "en-US"): string {
  const [y, m] = month.split("-").map(Number);
  return formatter(
    `month|${locale}`,
    () => new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" }),
  ).format(Date.UTC(y, m - 1, 1));
}

/**
 * "1 minute", "2 minutes", "1,200 addresses": every count in a sentence, on the pages and in the console, so
 * none says "1 minutes". `plural` for words that do not just add an "s".
 */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? singular : plural}`;
}

/**
 * "1 minute", "2 hours 5 minutes", "3 days 4 hours": every length of time a page or the console shows
 * (incident durations, reminders, recurring windows), so none says "1 minutes".
 */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / MINUTE));
  if (minutes < 60) return countOf(minutes, "minute");
  const hours = Math.floor(minutes / 60);
  if (hours < 48)
    return minutes % 60 ? `${countOf(hours, "hour")} ${countOf(minutes % 60, "minute")}` : countOf(hours, "hour");
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${countOf(days, "day")} ${countOf(hours % 24, "hour")}` : countOf(days, "day");
}

/** The same for a count of whole minutes (the settings and maintenance fields are in minutes). */
export function formatMinutes(minutes: number): string {
  return formatDuration(minutes * MINUTE);
}
