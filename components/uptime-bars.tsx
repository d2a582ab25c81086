import type { ComponentStatus } from "@/db/constants";
import type { ComponentUptime } from "@/db/queries/home-page";
import { formatUptimeIn } from "@/core/uptime";
import { localeDir, type Locale } from "@/core/i18n/locales";
import { translator } from "@/core/i18n/translate";

// One compact SVG per component: a pattern paints every bar as "operational" and only the other days get a
// rect of their own, so 90 days cost a few hundred bytes. CSS (globals.css, .uptime-bars) shows the last
// 30, 60 or 90 bars by viewport width. public/page.js reads the data-* attributes for the day tooltips.
const BAR = 4;
const HEIGHT = 28;

export const STATUS_CODE: Record<ComponentStatus, string> = {
  operational: "o",
  degraded_performance: "d",
  partial_outage: "p",
  major_outage: "m",
  under_maintenance: "u",
};

/** The shared bar patterns, rendered once per page. */
export function UptimeDefs() {
  return (
    <svg width="0" height="0" aria-hidden className="absolute">
      <defs>
        <pattern id="bar-ok" width={BAR} height={HEIGHT} patternUnits="userSpaceOnUse">
          <rect width={BAR - 1} height={HEIGHT} className="bar-o" />
        </pattern>
        <pattern id="bar-none" width={BAR} height={HEIGHT} patternUnits="userSpaceOnUse">
          <rect width={BAR - 1} height={HEIGHT} className="bar-n" />
        </pattern>
      </defs>
    </svg>
  );
}

/**
 * Time runs left to right in every language, Arabic included: the bars are a chart, read like the response
 * time chart and like the dates under them, so the whole block is dir="ltr" and "Today" stays at the
 * right-hand end it names (the words in it are still Arabic).
 */
export function UptimeBars({
  name,
  uptime,
  lastDate,
  locale,
}: {
  name: string;
  uptime: ComponentUptime;
  lastDate: string;
  locale: Locale;
}) {
  const t = translator(locale, "page");
  const percent = (n: 30 | 60 | 90) => formatUptimeIn(uptime.periods[n], locale) ?? t("noData");
  const upFor = (n: 30 | 60 | 90) => (uptime.periods[n] === null ? t("noData") : t("uptime", { uptime: percent(n) }));
  const { days } = uptime;
  const firstWithData = days.findIndex((d) => d.uptime !== null);
  const noDataUntil = firstWithData === -1 ? days.length : firstWithData;
  const marked: string[] = [];
  const rects: React.ReactNode[] = [];
  days.forEach((day, i) => {
    const incidents = uptime.incidentsByDay.get(i);
    const code = day.worst ? STATUS_CODE[day.worst] : "n";
    if (i >= noDataUntil && (code !== "o" || incidents || day.uptime === null)) {
      const basisPoints = day.uptime === null ? "" : Math.floor(day.uptime * 10000);
      marked.push(`${i}:${code}:${basisPoints}:${incidents?.join(" ") ?? ""}`);
      if (code !== "o")
        rects.push(<rect key={i} x={i * BAR} width={BAR - 1} height={HEIGHT} className={`bar-${code}`} />);
    }
  });
  const label = t("uptimeLabel", { name, uptime: percent(90) });
  return (
    // Spans, not divs: a group's bar sits inside its <summary>, which takes phrasing content only.
    <span className="mt-2 block" dir="ltr">
      <svg
        viewBox={`0 0 ${days.length * BAR - 1} ${HEIGHT}`}
        preserveAspectRatio="none"
        className="uptime-bars block h-7 w-full"
        role="img"
        aria-label={label}
        data-last={lastDate}
        data-start={noDataUntil}
        data-days={marked.join(";")}
      >
        <g>
          <rect width={days.length * BAR} height={HEIGHT} fill="url(#bar-ok)" />
          {noDataUntil > 0 && <rect width={noDataUntil * BAR} height={HEIGHT} fill="url(#bar-none)" />}
          {rects}
        </g>
      </svg>
      {/* Each label reads in the page's direction; only their places follow the bars. */}
      <span className="mt-1 flex justify-between gap-2 text-xs text-slate-600 dark:text-slate-400">
        <span dir={localeDir(locale)}>
          <span className="sm:hidden">{t("daysAgo", { days: 30 })}</span>
          <span className="hidden sm:inline md:hidden">{t("daysAgo", { days: 60 })}</span>
          <span className="hidden md:inline">{t("daysAgo", { days: 90 })}</span>
        </span>
        <span className="text-center" dir={localeDir(locale)}>
          <span className="sm:hidden">{upFor(30)}</span>
          <span className="hidden sm:inline md:hidden">{upFor(60)}</span>
          <span className="hidden md:inline">{upFor(90)}</span>
        </span>
        <span dir={localeDir(locale)}>{t("today")}</span>
      </span>
    </span>
  );
}

/** The words public/page.js puts in the day tooltips, in the page's language. */
export function pageTipLabels(locale: Locale): Record<string, string> {
  const t = translator(locale, "page");
  return {
    o: t("componentStatus.operational"),
    d: t("componentStatus.degraded_performance"),
    p: t("componentStatus.partial_outage"),
    m: t("componentStatus.major_outage"),
    u: t("componentStatus.under_maintenance"),
    n: t("noData"),
    // page.js fills in the percentage: the message's own placeholder, passed through as text.
    uptime: t("uptime", { uptime: "{uptime}" }),
    none: t("tipNoIncidents"),
    incident: t("tipIncident"),
  };
}
