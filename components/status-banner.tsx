import type { PageStatus } from "@/core/status";
import { INDICATOR_TONE, StatusIcon } from "./status-icon";
import { LocalTime } from "./local-time";

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
}: {
  status: PageStatus;
  lastUpdated: number;
  timeZone: string;
}) {
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
          {status.description}
        </h2>
      </div>
      <p className="mt-1 text-sm">
        Last updated <LocalTime at={lastUpdated} timeZone={timeZone} />
      </p>
    </section>
  );
}
