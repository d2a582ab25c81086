// A service's response time on the public page (when the admin turns it on): the last 24 hours by the hour
// and the last 90 days by the day, from the monitors' roll-ups. Server-rendered SVG, no script; the pictures
// are aria-hidden and the same numbers are given in words, plus the hours as a table for screen readers.
import { chartLine, seriesSummary } from "@/core/chart-line";
import type { ChartPoint } from "@/core/monitor-types";
import { formatTime } from "@/core/format";
import { bucketStart } from "@/core/rollup";
import { DAY, HOUR } from "@/core/time";
import type { ResponseTimeSeries } from "@/db/queries/response-times";
import { DEFAULT_LOCALE, type Locale } from "@/core/i18n/locales";
import { translator } from "@/core/i18n/translate";

const W = 240;
const H = 56;
const TOP = 12;

function summaryText(label: string, points: ChartPoint[], locale: Locale): string {
  const t = translator(locale, "chart");
  const s = seriesSummary(points);
  const failed = s.down ? t("failed", { down: String(s.down), total: String(s.total) }) : t("noFailed");
  if (s.avgMs === null) return t("noAnswers", { label, failed });
  return t("summary", { label, avg: String(s.avgMs), min: String(s.minMs), max: String(s.maxMs), failed });
}

function Chart(props: { label: string; points: ChartPoint[]; from: number; to: number; slot: number; locale: Locale }) {
  const { label, points, from, to, slot, locale } = props;
  const line = chartLine(points, { from, to, width: W, height: H, pad: 4 });
  // A failed bucket's mark: as wide as most of its slot, as high as the share of checks that failed.
  const slots = (to - from) / slot;
  const bar = Math.max(1, (W / slots) * 0.7);
  return (
    <div className="min-w-0">
      <p className="text-xs text-slate-600 dark:text-slate-400">{summaryText(label, points, locale)}</p>
      <svg
        viewBox={`0 0 ${W} ${H + TOP}`}
        className="mt-1 block h-auto w-full max-w-full text-slate-600 dark:text-slate-400"
        aria-hidden="true"
      >
        <text x={0} y={9} fontSize={9} fill="currentColor">
          {line.max} ms
        </text>
        <g transform={`translate(0 ${TOP})`}>
          <line x1={0} y1={H} x2={W} y2={H} stroke="currentColor" strokeOpacity={0.4} strokeWidth={1} />
          {line.failures.map((f) => (
            <rect
              key={f.x}
              x={f.x}
              y={H - Math.max(3, f.share * H)}
              width={bar}
              height={Math.max(3, f.share * H)}
              className="fill-red-600 dark:fill-red-400"
              opacity={0.6}
            />
          ))}
          {line.segments.map((points) => (
            <polyline
              key={points}
              points={points}
              fill="none"
              stroke="currentColor"
              strokeWidth={1.5}
              strokeLinejoin="round"
              className="text-blue-700 dark:text-blue-400"
            />
          ))}
        </g>
      </svg>
    </div>
  );
}

export function ResponseTimeChart({
  name,
  series,
  now,
  timeZone,
  locale = DEFAULT_LOCALE,
}: {
  name: string;
  series: ResponseTimeSeries;
  now: number;
  timeZone: string;
  locale?: Locale;
}) {
  const t = translator(locale, "chart");
  if (series.hours.length === 0 && series.days.length === 0)
    return <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">{t("none")}</p>;
  const hour = bucketStart(now, "hour");
  const day = bucketStart(now, "day");
  return (
    // dir="ltr": time runs left to right in the charts in every language, as in the uptime bars.
    <figure className="mt-2" data-response-time="" dir="ltr">
      <figcaption className="text-xs font-medium">{t("caption")}</figcaption>
      <div className="mt-1 grid gap-3 sm:grid-cols-2">
        <Chart
          label={t("last24h")}
          points={series.hours}
          from={hour - 24 * HOUR}
          to={hour}
          slot={HOUR}
          locale={locale}
        />
        <Chart label={t("last90d")} points={series.days} from={day - 90 * DAY} to={day} slot={DAY} locale={locale} />
      </div>
      {/* The wrapper hides the table: a table box grows to its content whatever its own width says. */}
      <div className="sr-only">
        <table>
          <caption>{t("tableCaption", { name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("hour")}</th>
              <th scope="col">{t("average")}</th>
              <th scope="col">{t("failedChecks")}</th>
            </tr>
          </thead>
          <tbody>
            {series.hours.map((p) => (
              <tr key={p.at}>
                <td>{formatTime(p.at, timeZone, "datetime", locale === "en" ? "en-US" : locale)}</td>
                <td>{p.ms === null ? t("noAnswer") : `${p.ms} ms`}</td>
                <td>{t("ofTotal", { down: String(p.down), total: String(p.total) })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
