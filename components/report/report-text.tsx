// What every section of the service report shares: its words and number formats in the reader's language
// and zone, the table styles, and the CSV link under each table.
import { IMPACTS, type Impact } from "@/db/constants";
import type { Locale } from "@/core/i18n/locales";
import { translator } from "@/core/i18n/translate";

export type ReportTable = "headline" | "services" | "impact" | "incidents" | "planned" | "reach";

export const th = "py-1 pr-4 text-left align-bottom font-semibold";
export const td = "py-1 pr-4 align-top";
export const num = "py-1 pr-4 text-right align-top tabular-nums";
export const rowHeader = "py-1 pr-4 text-left font-normal";
export const section = "mt-8 break-inside-avoid";
export const figure = "mt-3 flex flex-col gap-4 lg:flex-row lg:items-start";

/**
 * Number and date formats built once per language and zone: a year's report formats thousands of figures, and
 * constructing an Intl format per figure was most of its render time.
 */
const formats = new Map<string, ReturnType<typeof makeFormats>>();
function makeFormats(locale: Locale, timeZone: string) {
  const cache = new Map<string, Intl.NumberFormat>();
  const started = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone });
  return {
    number(value: number, options: Intl.NumberFormatOptions = {}) {
      const key = JSON.stringify(options);
      let nf = cache.get(key);
      if (!nf) cache.set(key, (nf = new Intl.NumberFormat(locale, options)));
      return nf.format(value);
    },
    started: (at: number) => started.format(at),
  };
}
function cachedFormats(locale: Locale, timeZone: string) {
  const key = `${locale} ${timeZone}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = makeFormats(locale, timeZone)));
  return f;
}

/** The report's words and figure formats for one render. */
export function reportText(locale: Locale, timeZone: string, csvHref: (table: ReportTable) => string) {
  const t = translator(locale, "report", timeZone);
  const f = cachedFormats(locale, timeZone);
  const dash = t("noData");
  const share = (v: number | null) => (v === null ? dash : f.number(v, { style: "percent", maximumFractionDigits: 1 }));
  // Availability floored to a thousandth of a percent: 99.9995% must not read as 100%.
  const avail = (v: number | null) =>
    v === null ? dash : f.number(Math.floor(v * 100_000) / 100_000, { style: "percent", maximumFractionDigits: 3 });
  const target = (pct: number) => f.number(pct / 100, { style: "percent", maximumFractionDigits: 3 });
  const duration = (ms: number | null) => {
    if (ms === null) return dash;
    const minutes = Math.round(ms / 60_000);
    if (minutes >= 120)
      return f.number(Math.round(minutes / 6) / 10, { style: "unit", unit: "hour", unitDisplay: "long" });
    return f.number(minutes, { style: "unit", unit: "minute", unitDisplay: "long" });
  };
  const seconds = (ms: number | null) =>
    ms === null ? dash : f.number(Math.round(ms / 1000), { style: "unit", unit: "second", unitDisplay: "long" });
  const csv = (table: ReportTable) => (
    <p className="mt-2 text-sm print:hidden">
      <a href={csvHref(table)} className="underline" download>
        {t("csv")}
      </a>
    </p>
  );
  // Once, not per incident row: a translated message is compiled on each call.
  const impactLabel = Object.fromEntries(IMPACTS.map((i) => [i, t(`impact.${i}`)])) as Record<Impact, string>;
  return { t, f, share, avail, target, duration, seconds, csv, impactLabel };
}
export type ReportText = ReturnType<typeof reportText>;
