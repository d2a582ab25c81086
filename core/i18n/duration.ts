// A length of time in words in one language ("2 Stunden 5 Minuten"), with the same units as core/format.ts's
// formatDuration: minutes under an hour, hours and minutes under two days, then days and hours.
import { MINUTE } from "@/core/time";
import type { Locale } from "./locales";
import { translator } from "./translate";

export function durationIn(locale: Locale, ms: number): string {
  const t = translator(locale, "incident");
  const minutes = Math.max(0, Math.round(ms / MINUTE));
  if (minutes < 60) return t("minutes", { minutes });
  const hours = Math.floor(minutes / 60);
  const both = (first: string, rest: number, second: string) => (rest ? t("twoUnits", { first, second }) : first);
  if (hours < 48) return both(t("hours", { hours }), minutes % 60, t("minutes", { minutes: minutes % 60 }));
  const days = Math.floor(hours / 24);
  return both(t("days", { days }), hours % 24, t("hours", { hours: hours % 24 }));
}
