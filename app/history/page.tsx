import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { getHistoryPage } from "@/db/queries/history-page";
import { occurredAt } from "@/db/queries/public-incidents";
import { ImpactBadge } from "@/components/incident-parts";
import { LocalTime } from "@/components/local-time";
import { PageShell } from "@/components/page-shell";
import { INCIDENT_STATUS_LABELS } from "@/db/constants";
import { parsePageNumber } from "@/core/time-zone";
import { formatMonth } from "@/core/format";
import { loadPage, statusMetadata } from "@/services/public-page";
import { pageAudience } from "@/services/viewers/request";
import { HistoryFilter } from "@/components/history-filter";
import { DEFAULT_LOCALE } from "@/core/i18n/locales";

export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export function generateMetadata(): Metadata {
  return statusMetadata("Incident history");
}

export default async function HistoryPage({ searchParams }: Props) {
  const page = loadPage();
  if (!page) notFound();
  const params = await searchParams;
  const { audience } = await pageAudience();
  const tz = page.timeZone;
  const pageNumber = parsePageNumber(params.page);
  const { services, component, months, hasOlder } = getHistoryPage(
    getDb(),
    page,
    pageNumber,
    params.component,
    undefined,
    audience,
  );
  const query = (n: number) => `/history?page=${n}${component ? `&component=${component.id}` : ""}`;

  return (
    <PageShell page={page} headingLevel={2}>
      <h1 className="text-2xl font-bold tracking-tight">Incident history</h1>
      <HistoryFilter locale={DEFAULT_LOCALE} services={services} selectedId={component?.id} />

      {months.map(({ month, items: inMonth }) => {
        return (
          <section key={month} aria-labelledby={`month-${month}`} className="mt-8">
            <h2
              id={`month-${month}`}
              className="border-b border-slate-200 pb-2 text-lg font-semibold dark:border-slate-800"
            >
              {formatMonth(month)}
            </h2>
            {inMonth.length === 0 ? (
              <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
                No incidents reported{component ? ` for ${component.name}` : ""}.
              </p>
            ) : (
              <ul className="divide-y divide-slate-100 dark:divide-slate-900">
                {inMonth.map(({ incident, components }) => (
                  <li key={incident.id} className="py-3">
                    <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                      <Link href={`/incidents/${incident.id}`} className="font-medium underline underline-offset-2">
                        {incident.name}
                      </Link>
                      <ImpactBadge impact={incident.impact} />
                    </div>
                    <p className="text-sm text-slate-600 dark:text-slate-400">
                      {INCIDENT_STATUS_LABELS[incident.status]} - <LocalTime at={occurredAt(incident)} timeZone={tz} />
                      {components.length > 0 && <> - {components.map((c) => c.name).join(", ")}</>}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}

      <nav aria-label="History pages" className="mt-8 flex justify-between text-sm font-medium">
        {pageNumber > 1 ? (
          <Link href={query(pageNumber - 1)} className="underline underline-offset-2">
            Newer
          </Link>
        ) : (
          <span />
        )}
        {hasOlder && (
          <Link href={query(pageNumber + 1)} className="underline underline-offset-2">
            Older
          </Link>
        )}
      </nav>
    </PageShell>
  );
}
