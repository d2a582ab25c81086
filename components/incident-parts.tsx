import Link from "next/link";
import { HelpfulQuestion } from "./helpful-question";
import { IMPACT_LABELS } from "@/db/constants";
import type { PublicIncident, PublicUpdate } from "@/db/queries/public-incidents";
import { LocalTime } from "./local-time";
import { Markdown } from "./markdown";
import { DEFAULT_LOCALE, type Locale } from "@/core/i18n/locales";
import { hrefIn, type PageLanguage } from "@/core/i18n/paths";
import { translator } from "@/core/i18n/translate";

// Repeated under dark: because the card's dark:border-slate-800 (all four sides) would otherwise win over
// the plain start-side colour in dark mode, and the coloured edge would disappear.
const IMPACT_BORDER: Record<string, string> = {
  critical: "border-s-status-major dark:border-s-status-major",
  major: "border-s-status-partial dark:border-s-status-partial",
  minor: "border-s-status-degraded dark:border-s-status-degraded",
  none: "border-s-slate-400 dark:border-s-slate-500",
  maintenance: "border-s-status-maintenance dark:border-s-status-maintenance",
};

// Coloured by impact like the cards' edges, text at 7:1 or better on its tint in both schemes.
const IMPACT_PILL: Record<keyof typeof IMPACT_LABELS, string> = {
  critical: "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100",
  major:
    "border-orange-300 bg-orange-50 text-orange-900 dark:border-orange-800 dark:bg-orange-950 dark:text-orange-100",
  minor:
    "border-yellow-400 bg-yellow-50 text-yellow-900 dark:border-yellow-700 dark:bg-yellow-950 dark:text-yellow-100",
  none: "border-slate-300 bg-slate-50 text-slate-700 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-300",
  maintenance: "border-blue-300 bg-blue-50 text-blue-900 dark:border-blue-800 dark:bg-blue-950 dark:text-blue-100",
};

export function ImpactBadge({
  impact,
  locale = DEFAULT_LOCALE,
}: {
  impact: keyof typeof IMPACT_LABELS;
  /** The console shows it too, in English. */
  locale?: Locale;
}) {
  return (
    <span className={`whitespace-nowrap rounded-full border px-2 py-0.5 text-xs font-medium ${IMPACT_PILL[impact]}`}>
      {translator(locale, "incident")(`impact.${impact}`)}
    </span>
  );
}

export function UpdateEntry({
  update,
  timeZone,
  lang,
  as: Tag = "li",
  askHelpful = false,
}: {
  update: PublicUpdate;
  timeZone: string;
  lang: PageLanguage;
  as?: "li" | "div";
  /** Ask "Was this helpful?" under it (the incident page). */
  askHelpful?: boolean;
}) {
  const t = translator(lang.locale, "incident");
  // The label is the status, or "Update" when the status did not change (db/queries/public-incidents.ts).
  const label = update.label === "Update" ? t("update") : t(`status.${update.status}`);
  return (
    <Tag className="py-3">
      <p className="text-sm">
        <strong className="font-semibold">{label}</strong>
        <span className="text-slate-600 dark:text-slate-400">
          {" - "}
          <LocalTime at={update.displayAt} timeZone={timeZone} locale={lang.locale} />
        </span>
      </p>
      <Markdown source={update.body} className="mt-1" />
      {askHelpful && <HelpfulQuestion updateId={update.id} lang={lang} />}
    </Tag>
  );
}

/** A recurring maintenance window's series: its rule in words and its later windows. */
export interface SeriesInfo {
  repeats?: string;
  later: PublicIncident[];
}

/** An unresolved incident or open maintenance on the home page: the latest update and a link to the rest. */
export function IncidentCard({
  item,
  timeZone,
  lang,
  headingLevel = 3,
  series,
}: {
  item: PublicIncident;
  timeZone: string;
  lang: PageLanguage;
  headingLevel?: 3 | 4;
  series?: SeriesInfo;
}) {
  const { incident } = item;
  const latest = item.updates[0];
  const Heading = headingLevel === 3 ? "h3" : "h4";
  const t = translator(lang.locale, "incident");
  const time = (at: number) => <LocalTime at={at} timeZone={timeZone} locale={lang.locale} />;
  return (
    <article
      className={`rounded-lg border border-s-4 border-slate-200 px-4 py-3 dark:border-slate-800 ${IMPACT_BORDER[incident.impact]}`}
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <Heading className="font-semibold">
          <Link
            href={hrefIn(lang, `/incidents/${incident.id}`)}
            className="underline underline-offset-2 hover:decoration-2"
          >
            {incident.name}
          </Link>
        </Heading>
        <ImpactBadge impact={incident.impact} locale={lang.locale} />
      </div>
      {incident.kind === "maintenance" && incident.scheduledFor && incident.scheduledUntil && (
        <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
          {t.rich("scheduledRange", {
            from: () => time(incident.scheduledFor!),
            to: () => time(incident.scheduledUntil!),
          })}
        </p>
      )}
      {series?.repeats && (
        <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">{t("repeats", { rule: series.repeats })}</p>
      )}
      {series && series.later.length > 0 && (
        <details className="mt-1 text-sm">
          <summary className="cursor-pointer text-slate-700 dark:text-slate-300">
            {t("laterWindows", { count: series.later.length })}
          </summary>
          <ul className="mt-1 space-y-1 ps-4">
            {series.later.map((later) => (
              <li key={later.incident.id}>
                <Link href={hrefIn(lang, `/incidents/${later.incident.id}`)} className="underline underline-offset-2">
                  {time(later.incident.scheduledFor ?? later.incident.startedAt)}
                </Link>
              </li>
            ))}
          </ul>
        </details>
      )}
      {item.components.length > 0 && (
        <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
          {t("affects", {
            services: listOf(
              lang.locale,
              item.components.map((c) => c.name),
            ),
          })}
        </p>
      )}
      {latest && <UpdateEntry update={latest} timeZone={timeZone} lang={lang} as="div" />}
    </article>
  );
}

/** Service names joined the way the language joins a list ("A, B and C", "A、B、C"). */
export function listOf(locale: Locale, names: string[]): string {
  return new Intl.ListFormat(locale, { style: "long", type: "conjunction" }).format(names);
}
