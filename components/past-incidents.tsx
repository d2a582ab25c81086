import Link from "next/link";
import type { HomePage } from "@/db/queries/home-page";
import { formatLocalDate } from "@/core/format";
import { hrefIn, type PageLanguage } from "@/core/i18n/paths";
import { translator } from "@/core/i18n/translate";
import { ImpactBadge, UpdateEntry } from "./incident-parts";

/** One heading per day, newest first; quiet days say so. */
export function PastIncidents({
  days,
  timeZone,
  lang,
}: {
  days: HomePage["pastDays"];
  timeZone: string;
  lang: PageLanguage;
}) {
  const t = translator(lang.locale, "page");
  return (
    <section aria-labelledby="past-incidents" className="mt-12">
      <h2 id="past-incidents" className="mb-4 text-xl font-semibold">
        {t("pastIncidents")}
      </h2>
      {days.map((day) => (
        <section
          key={day.date}
          aria-labelledby={`day-${day.date}`}
          className="border-b border-slate-200 py-4 dark:border-slate-800"
        >
          <h3 id={`day-${day.date}`} className="font-semibold">
            <time dateTime={day.date}>{formatLocalDate(day.date, "short", lang.locale)}</time>
          </h3>
          {day.incidents.length === 0 ? (
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{t("noIncidentsReported")}</p>
          ) : (
            day.incidents.map((item) => (
              <article key={item.incident.id} className="mt-3">
                <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                  <h4 className="font-medium">
                    <Link
                      href={hrefIn(lang, `/incidents/${item.incident.id}`)}
                      className="underline underline-offset-2"
                    >
                      {item.incident.name}
                    </Link>
                  </h4>
                  <ImpactBadge impact={item.incident.impact} locale={lang.locale} />
                </div>
                <ol className="divide-y divide-slate-100 dark:divide-slate-900">
                  {item.updates.map((u) => (
                    <UpdateEntry key={u.id} update={u} timeZone={timeZone} lang={lang} />
                  ))}
                </ol>
              </article>
            ))
          )}
        </section>
      ))}
      <p className="mt-4">
        <Link href={hrefIn(lang, "/history")} className="font-medium underline underline-offset-2">
          {t("historyLink")}
        </Link>
      </p>
    </section>
  );
}
