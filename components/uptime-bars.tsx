import type { ComponentStatus } from "@/db/constants";
import type { ComponentUptime } from "@/db/queries/home-page";
import { formatUptime } from "@/core/uptime";

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

export function UptimeBars({ name, uptime, lastDate }: { name: string; uptime: ComponentUptime; lastDate: string }) {
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
  const label = `${name}: ${formatUptime(uptime.periods[90])} uptime over the last 90 days`;
  return (
    // Spans, not divs: a group's bar sits inside its <summary>, which takes phrasing content only.
    <span className="mt-2 block">
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
      <span className="mt-1 flex justify-between gap-2 text-xs text-slate-600 dark:text-slate-400">
        <span>
          <span className="sm:hidden">30 days ago</span>
          <span className="hidden sm:inline md:hidden">60 days ago</span>
          <span className="hidden md:inline">90 days ago</span>
        </span>
        <span>
          <span className="sm:hidden">{formatUptime(uptime.periods[30])}</span>
          <span className="hidden sm:inline md:hidden">{formatUptime(uptime.periods[60])}</span>
          <span className="hidden md:inline">{formatUptime(uptime.periods[90])}</span> uptime
        </span>
        <span>Today</span>
      </span>
    </span>
  );
}
