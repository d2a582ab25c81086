import type { ComponentUptime } from "@/db/queries/home-page";
import type { ResponseTimeSeries } from "@/db/queries/response-times";
import { visibleComponent } from "@/core/status";
import type { ComponentRow } from "@/db/queries/status-page";
import type { Component } from "@/db/schema";
import { ResponseTimeChart } from "./response-time-chart";
import { STATUS_TONE, StatusIcon } from "./status-icon";
import { UptimeBars } from "./uptime-bars";
import type { Locale } from "@/core/i18n/locales";
import { translator } from "@/core/i18n/translate";

function StatusLabel({ status, locale }: { status: Component["status"]; locale: Locale }) {
  return (
    <span data-status-label="" className="flex shrink-0 items-center gap-1.5 whitespace-nowrap text-sm font-medium">
      <StatusIcon tone={STATUS_TONE[status]} />
      <span>{translator(locale, "page")(`componentStatus.${status}`)}</span>
    </span>
  );
}

/**
 * The description is plain text under the name, so keyboard and screen-reader users get it as well. It spans
 * the whole row: beside the status label it would wrap one to three words a line on a phone. The label
 * moves under the name when both do not fit on one line ("Degraded performance" is wide).
 */
/** What the response-time charts need: the series per service, and the time and zone they are drawn in. */
export interface ResponseTimes {
  series: Map<string, ResponseTimeSeries>;
  now: number;
  timeZone: string;
}

const NO_SERIES: ResponseTimeSeries = { hours: [], days: [] };

function ComponentLine({
  component,
  uptime,
  lastDate,
  responseTimes,
  locale,
}: {
  component: Component;
  uptime?: ComponentUptime;
  lastDate: string;
  responseTimes?: ResponseTimes;
  locale: Locale;
}) {
  return (
    <li className="px-4 py-3" data-component={component.id}>
      <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-1">
        <h3 className="min-w-0 font-medium [overflow-wrap:anywhere]">{component.name}</h3>
        <StatusLabel status={component.status} locale={locale} />
      </div>
      {component.description && <p className="text-sm text-slate-600 dark:text-slate-400">{component.description}</p>}
      {uptime && <UptimeBars name={component.name} uptime={uptime} lastDate={lastDate} locale={locale} />}
      {responseTimes && component.showResponseTime && (
        <ResponseTimeChart
          name={component.name}
          series={responseTimes.series.get(component.id) ?? NO_SERIES}
          now={responseTimes.now}
          timeZone={responseTimes.timeZone}
          locale={locale}
        />
      )}
    </li>
  );
}

export function ComponentList({
  rows,
  uptime,
  lastDate,
  responseTimes,
  locale,
}: {
  rows: ComponentRow[];
  uptime: Map<string, ComponentUptime>;
  lastDate: string;
  responseTimes?: ResponseTimes;
  locale: Locale;
}) {
  return (
    <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
      {rows.map((row) => {
        if (row.type === "component") {
          if (!visibleComponent(row.component)) return null;
          return (
            <ComponentLine
              key={row.component.id}
              component={row.component}
              uptime={uptime.get(row.component.id)}
              lastDate={lastDate}
              responseTimes={responseTimes}
              locale={locale}
            />
          );
        }
        const children = row.components.filter(visibleComponent);
        if (children.length === 0) return null;
        const groupUptime = uptime.get(row.group.id);
        return (
          <li key={row.group.id}>
            <details className="group" open={row.status !== "operational"}>
              <summary className="block cursor-pointer list-none px-4 py-3 [&::-webkit-details-marker]:hidden">
                {/* Wraps like a service row: the label goes under the name rather than squeezing it. */}
                <span className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1">
                  <span className="flex min-w-0 items-center gap-2">
                    <svg
                      viewBox="0 0 20 20"
                      fill="currentColor"
                      aria-hidden
                      className="size-4 shrink-0 text-slate-500 transition-transform group-open:rotate-90 rtl:-scale-x-100 rtl:group-open:-rotate-90"
                    >
                      <path
                        fillRule="evenodd"
                        d="M7.2 14.8a1 1 0 0 1 0-1.4L10.6 10 7.2 6.6a1 1 0 0 1 1.4-1.4l4.1 4.1a1 1 0 0 1 0 1.4l-4.1 4.1a1 1 0 0 1-1.4 0Z"
                        clipRule="evenodd"
                      />
                    </svg>
                    <span className="min-w-0 font-semibold [overflow-wrap:anywhere]">{row.group.name}</span>
                    <span className="text-sm text-slate-600 dark:text-slate-400">({children.length})</span>
                  </span>
                  <StatusLabel status={row.status} locale={locale} />
                </span>
                {groupUptime && (
                  <UptimeBars name={row.group.name} uptime={groupUptime} lastDate={lastDate} locale={locale} />
                )}
              </summary>
              {row.group.description && (
                <p className="px-4 pb-2 ps-10 text-sm text-slate-600 dark:text-slate-400">{row.group.description}</p>
              )}
              <ul className="divide-y divide-slate-100 border-t border-slate-100 ps-6 dark:divide-slate-900 dark:border-slate-900">
                {children.map((c) => (
                  <ComponentLine
                    key={c.id}
                    component={c}
                    uptime={uptime.get(c.id)}
                    lastDate={lastDate}
                    responseTimes={responseTimes}
                    locale={locale}
                  />
                ))}
              </ul>
            </details>
          </li>
        );
      })}
    </ul>
  );
}
