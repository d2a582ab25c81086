import type { PageStatus } from "@/core/status";
import { INDICATOR_TONE, StatusIcon } from "./status-icon";
import { LocalTime } from "./local-time";
import type { Locale } from "@/core/i18n/locales";
import { DESCRIPTION_KEY } from "@/core/i18n/status-words";
import { translator } from "@/core/i18n/translate";

const BANNER: Record<string, string> = {
  operational: "bg-status-operational",
  degraded: "bg-status-degraded",
  partial: "bg-status-partial",
  major: "bg-status-major",
  maintenance: "bg-status-maintenance",
};

export function StatusBanner({
  status,
  lastUpdated,
  timeZone,
  locale,
}: {
  status: PageStatus;
  lastUpdated: number;
  timeZone: string;
  locale: Locale;
}) {
  const t = translator(locale, "page");
  const tone = INDICATOR_TONE[status.indicator];
  return (
    <section
      aria-labelledby="overall-status"
      className={`${BANNER[tone]} mb-8 rounded-lg px-5 py-4 text-white dark:text-slate-950`}
    >
      <div className="flex items-center gap-3">
        <span className="rounded-full bg-white p-0.5 dark:bg-slate-950">
          <StatusIcon tone={tone} className="size-6" />
        </span>
        <h2 id="overall-status" className="text-xl font-semibold" data-indicator={status.indicator}>
          {t(`overall.${DESCRIPTION_KEY[status.description]}`)}
        </h2>
      </div>
      <p className="mt-1 text-sm">
        {t.rich("lastUpdated", {
          time: () => <LocalTime at={lastUpdated} timeZone={timeZone} locale={locale} />,
        })}
      </p>
    </section>
  );
}
