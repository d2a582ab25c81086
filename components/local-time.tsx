import { formatTime, type TimeStyle } from "@/core/format";
import { DEFAULT_LOCALE, type Locale } from "@/core/i18n/locales";

/**
 * A time rendered on the server in the page's zone (readable without JavaScript), which public/page.js
 * re-renders in the visitor's zone. Both name the zone.
 */
export function LocalTime({
  at,
  timeZone,
  style = "datetime",
  locale = DEFAULT_LOCALE,
}: {
  at: number;
  timeZone: string;
  style?: TimeStyle;
  locale?: Locale;
}) {
  return (
    // nowrap: a zone such as "GMT-3" must not break at its hyphen on a phone; a time is short enough to fit.
    <time dateTime={new Date(at).toISOString()} data-style={style} className="whitespace-nowrap">
      {formatTime(at, timeZone, style, locale)}
    </time>
  );
}
