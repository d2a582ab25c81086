import Link from "next/link";
import type { PublicIncident, RecurrenceRule } from "@/db/queries/public-incidents";
import { foldUpcoming } from "@/core/maintenance-list";
import { describeRecurrence } from "@/core/recurrence";
import { IncidentCard } from "./incident-parts";
import { LocalTime } from "./local-time";
import { hrefIn, type PageLanguage } from "@/core/i18n/paths";
import { translator } from "@/core/i18n/translate";

const linkClass = "underline underline-offset-2 hover:decoration-2";

/**
 * Scheduled maintenance on the home page: the next few entries as cards (a recurring series is one entry,
 * with its rule in words), the rest behind "and N more". A <details>, so it opens without JavaScript.
 */
export function UpcomingMaintenance({
  upcoming,
  recurrences,
  timeZone,
  lang,
}: {
  upcoming: PublicIncident[];
  recurrences: Map<string, RecurrenceRule>;
  timeZone: string;
  lang: PageLanguage;
}) {
  const t = translator(lang.locale, "page");
  const { shown, more } = foldUpcoming(upcoming);
  const repeats = (item: PublicIncident) => {
    const rule = item.incident.recurrenceId ? recurrences.get(item.incident.recurrenceId) : undefined;
    return rule ? describeRecurrence(rule) : undefined;
  };
  return (
    <section aria-labelledby="maintenance-upcoming" className="mt-8">
      <h2 id="maintenance-upcoming" className="mb-3 text-xl font-semibold">
        {t("scheduledMaintenance")}
      </h2>
      <div className="space-y-3">
        {shown.map(({ item, later }) => (
          <IncidentCard
            key={item.incident.id}
            item={item}
            timeZone={timeZone}
            lang={lang}
            series={{ repeats: repeats(item), later }}
          />
        ))}
      </div>
      {more.length > 0 && (
        <details className="mt-3">
          <summary className="cursor-pointer font-medium">{t("andMore", { count: more.length })}</summary>
          <ul className="mt-2 space-y-1 text-sm">
            {more.map(({ item, later }) => (
              <li key={item.incident.id}>
                <Link href={hrefIn(lang, `/incidents/${item.incident.id}`)} className={linkClass}>
                  {item.incident.name}
                </Link>
                {item.incident.scheduledFor && (
                  <>
                    {" "}
                    <LocalTime at={item.incident.scheduledFor} timeZone={timeZone} locale={lang.locale} />
                  </>
                )}
                {later.length > 0 && (
                  <span className="text-slate-600 dark:text-slate-400"> · {repeats(item) ?? t("repeats")}</span>
                )}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
