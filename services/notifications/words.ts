// The fixed words of what subscribers receive (emails, chat, SMS), in the subscriber's language: labels,
// subjects and times in the page's zone with the zone named. One place, so an email, a chat message and an
// SMS about the same update say the same thing in the same language. Admin text is never passed through here.
import type { AnyIncidentStatus, ComponentStatus, NotificationKind } from "@/db/constants";
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/core/i18n/locales";
import { formatter, translator } from "@/core/i18n/translate";
import { formatInZone } from "./content";

export type NotifyT = ReturnType<typeof translator<"notify">>;

/** A stored or posted language, or the default for anything else (a tampered form field is not an error). */
export function localeOr(value: unknown): Locale {
  return isLocale(value) ? value : DEFAULT_LOCALE;
}

const made = new Map<string, NotifyT>();
/** The translator of one language and zone, made once: builders call this for every label they draw. */
export function words(locale: Locale, timeZone = "UTC"): NotifyT {
  const key = `${locale} ${timeZone}`;
  let t = made.get(key);
  if (!t) made.set(key, (t = translator(locale, "notify", timeZone)));
  return t;
}

const PREFIXED = new Set<NotificationKind>([
  "postmortem_published",
  "maintenance_scheduled",
  "maintenance_rescheduled",
  "maintenance_cancelled",
  "maintenance_reminder",
  "maintenance_started",
  "maintenance_completed",
]);

/** "Investigating", "Scheduled maintenance": what a notification is about, before its title. */
export function kindLabel(locale: Locale, kind: NotificationKind, status: AnyIncidentStatus): string {
  const t = words(locale);
  return PREFIXED.has(kind)
    ? t(`prefix.${kind as "postmortem_published"}`)
    : t(`status.${status}` as `status.${AnyIncidentStatus}`);
}

export function componentLabel(locale: Locale, status: string): string {
  return words(locale)(`component.${status as ComponentStatus}`) || status;
}

/** "[Wird untersucht] Webmail langsam": one line, at most 200 characters (a header value). */
export function subjectLine(locale: Locale, kind: NotificationKind, status: AnyIncidentStatus, name: string): string {
  const label = kindLabel(locale, kind, status);
  return words(locale)("subject", { label, name })
    .replace(/[\r\n]+/g, " ")
    .slice(0, 200);
}

/**
 * "23. Nov. 2026, 16:06 MEZ (Europe/Berlin)": the page's zone, named. English keeps its established
 * day-month-year form (content.ts); other languages use their own order and names through Intl.
 */
export function zonedTime(locale: Locale, ms: number, timeZone: string): string {
  if (locale === DEFAULT_LOCALE) return formatInZone(ms, timeZone);
  const time = formatter(locale, timeZone).dateTime(new Date(ms), {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short",
  });
  return words(locale, timeZone)("zoned", { time, zone: timeZone });
}

/** "Posted …" for an update, "Scheduled … to …" for a maintenance window. */
export function whenLine(
  locale: Locale,
  timeZone: string,
  at: { postedAt: number; scheduledFor: number | null; scheduledUntil: number | null; maintenance: boolean },
): string {
  const t = words(locale, timeZone);
  const zoned = (ms: number) => zonedTime(locale, ms, timeZone);
  if (at.maintenance && at.scheduledFor !== null)
    return at.scheduledUntil === null
      ? t("scheduledFrom", { from: zoned(at.scheduledFor) })
      : t("scheduledWindow", { from: zoned(at.scheduledFor), until: zoned(at.scheduledUntil) });
  return t("posted", { time: zoned(at.postedAt) });
}
