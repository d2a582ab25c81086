import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { getHistoryPage } from "@/db/queries/history-page";
import { occurredAt } from "@/db/queries/public-incidents";
import { ImpactBadge } from "@/components/incident-parts";
import { LocalTime } from "@/components/local-time";
import { PageShell } from "@/components/page-shell";
import { parsePageNumber } from "@/core/time-zone";
import { formatMonth } from "@/core/format";
import { loadPage, statusMetadata } from "@/services/public-page";
import { pageAudience } from "@/services/viewers/request";
import { HistoryFilter } from "@/components/history-filter";
import { hrefIn } from "@/core/i18n/paths";
import { translator } from "@/core/i18n/translate";
import { publicLocale } from "@/services/i18n/request";

export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  const lang = await publicLocale();
  return statusMetadata(translator(lang.locale, "history")("title"), lang);
}

export default async function HistoryPage({ searchParams }: Props) {
  const page = loadPage();
  if (!page) notFound();
  const params = await searchParams;
  const { audience } = await pageAudience();
  const lang = await publicLocale();
  const t = translator(lang.locale, "history");
  const it = translator(lang.locale, "incident");
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
  const query = (n: number) => hrefIn(lang, `/history?page=${n}${component ? `&component=${component.id}` : ""}`);

  return (
    <PageShell page={page} lang={lang} headingLevel={2}>
      <h1 className="text-2xl font-bold tracking-tight">{t("title")}</h1>
      <HistoryFilter
        locale={lang.locale}
        services={services}
        selectedId={component?.id}
        basePath={hrefIn(lang, "/history")}
      />

      {months.map(({ month, items: inMonth }) => {
        return (
          <section key={month} aria-labelledby={`month-${month}`} className="mt-8">
            <h2
              id={`month-${month}`}
              className="border-b border-slate-200 pb-2 text-lg font-semibold dark:border-slate-800"
            >
              {formatMonth(month, lang.locale)}
            </h2>
            {inMonth.length === 0 ? (
              <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
                {component ? t("noIncidentsFor", { service: component.name }) : t("noIncidents")}
              </p>
            ) : (
              <ul className="divide-y divide-slate-100 dark:divide-slate-900">
                {inMonth.map(({ incident, components }) => (
                  <li key={incident.id} className="py-3">
                    <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                      <Link
                        href={hrefIn(lang, `/incidents/${incident.id}`)}
                        className="font-medium underline underline-offset-2"
                      >
                        {incident.name}
                      </Link>
                      <ImpactBadge impact={incident.impact} locale={lang.locale} />
                    </div>
                    <p className="text-sm text-slate-600 dark:text-slate-400">
                      {it(`status.${incident.status}`)} -{" "}
                      <LocalTime at={occurredAt(incident)} timeZone={tz} locale={lang.locale} />
                      {components.length > 0 && <> - {components.map((c) => c.name).join(", ")}</>}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}

      <nav aria-label={t("pagesNav")} className="mt-8 flex justify-between text-sm font-medium">
        {pageNumber > 1 ? (
          <Link href={query(pageNumber - 1)} className="underline underline-offset-2">
            {t("newer")}
          </Link>
        ) : (
          <span />
        )}
        {hasOlder && (
          <Link href={query(pageNumber + 1)} className="underline underline-offset-2">
            {t("older")}
          </Link>
        )}
      </nav>
    </PageShell>
  );
}
