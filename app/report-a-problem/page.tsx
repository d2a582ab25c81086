import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { reportPageData } from "@/db/queries/report-page";
import { getPageRow } from "@/db/queries/subscribers";
import { LocalTime } from "@/components/local-time";
import { PageShell } from "@/components/page-shell";
import { isId } from "@/core/ids";
import { hrefIn } from "@/core/i18n/paths";
import { translator } from "@/core/i18n/translate";
import { REPORT_LIMITS, REPORT_PROBLEMS } from "@/db/constants";
import { publicLocale } from "@/services/i18n/request";
import { ReportForm, type ReportFormText } from "./report-form";

// Not cached (it is a form with an answer); the public page links here with the service chosen.
export const dynamic = "force-dynamic";
export async function generateMetadata(): Promise<Metadata> {
  return { title: translator((await publicLocale()).locale, "report-problem")("title") };
}

/** The form's fixed words, resolved here so the client form carries only its own language's strings. */
const FORM_KEYS = [
  "service",
  "choose",
  "somethingElse",
  "problem",
  "details",
  "optional",
  "email",
  "emailHint",
  "tooMany",
  "sending",
  "send",
  "sentHeading",
  "sentBody",
  "sentJoins",
  "sentFollow",
  "sentFixed",
] as const;

export default async function ReportProblemPage({
  searchParams,
}: {
  searchParams: Promise<{ service?: string | string[] }>;
}) {
  const db = getDb();
  const page = getPageRow(db);
  if (!page) notFound();
  const requested = (await searchParams).service;
  const serviceId = typeof requested === "string" && isId(requested) ? requested : null;
  const { choices, service, known } = reportPageData(db, page.id, serviceId);
  const lang = await publicLocale();
  const t = translator(lang.locale, "report-problem");
  const ti = translator(lang.locale, "incident");
  const text = {
    ...Object.fromEntries(FORM_KEYS.map((key) => [key, t(key)])),
    detailsHint: t("detailsHint", { max: REPORT_LIMITS.details }),
    problems: Object.fromEntries(REPORT_PROBLEMS.map((p) => [p, t(`problems.${p}`)])),
  } as ReportFormText;
  return (
    <PageShell page={page} lang={lang} headingLevel={2}>
      <div className="mx-auto max-w-xl">
        <h1 className="text-2xl font-bold">{t("heading")}</h1>
        {known.length > 0 && (
          <section
            aria-labelledby="known-title"
            className="mt-6 rounded-md border border-amber-300 bg-amber-50 p-4 text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-50"
          >
            <h2 id="known-title" className="font-semibold">
              {service ? t("knownHeadingService", { service: service.name }) : t("knownHeading")}
            </h2>
            <ul className="mt-2 space-y-3">
              {known.map((item) => {
                const last = item.updates[0];
                return (
                  <li key={item.incident.id}>
                    <p>
                      <strong>{item.incident.name}</strong>
                      {last ? (
                        <>
                          {", "}
                          {t.rich("lastUpdate", {
                            time: () => <LocalTime at={last.displayAt} timeZone={page.timeZone} locale={lang.locale} />,
                            // The label is the status, or "Update" when it did not change (as on the incident page).
                            label: last.label === "Update" ? ti("update") : ti(`status.${last.status}`),
                          })}
                        </>
                      ) : null}
                    </p>
                    <a href={hrefIn(lang, `/incidents/${item.incident.id}`)} className="underline">
                      {t("follow", { incident: item.incident.name })}
                    </a>
                  </li>
                );
              })}
            </ul>
            <p className="mt-3 text-sm">{t("stillTell")}</p>
          </section>
        )}
        <p className="mt-4 text-slate-700 dark:text-slate-300">{t("intro")}</p>
        <div className="mt-6">
          <ReportForm
            choices={choices}
            // Plain data only for a client component (publicLocale() also carries an href function).
            lang={{ locale: lang.locale, defaultLocale: lang.defaultLocale, path: lang.path }}
            text={text}
            service={service?.id ?? (requested === "other" ? "other" : null)}
          />
        </div>
      </div>
    </PageShell>
  );
}
