import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { PageShell } from "@/components/page-shell";
import { ReportPeriodForm } from "@/components/report/period-form";
import { ServiceReportView } from "@/components/report/service-report-view";
import { Button } from "@/components/ui/button";
import { hrefIn } from "@/core/i18n/paths";
import { translator } from "@/core/i18n/translate";
import { publicLocale } from "@/services/i18n/request";
import { clientAddress } from "@/services/auth/request";
import { publicServiceReport } from "@/services/reports/public-report";

// Built per request from a report kept for a minute (services/reports/public-report.ts); off: 404.
export const dynamic = "force-dynamic";
export async function generateMetadata(): Promise<Metadata> {
  return { title: translator((await publicLocale()).locale, "report")("title") };
}

export default async function PublicReportPage({
  searchParams,
}: {
  searchParams: Promise<{ period?: string | string[] }>;
}) {
  const lang = await publicLocale();
  const locale = lang.locale;
  const t = translator(locale, "report");
  const requested = (await searchParams).period;
  const db = getDb();
  const answer = publicServiceReport(
    db,
    typeof requested === "string" ? requested.slice(0, 20) : undefined,
    clientAddress(await headers()) ?? "unknown",
  );
  if (answer.state === "off") notFound();
  if (answer.state === "limited") {
    return (
      <main id="main" className="mx-auto max-w-xl p-6">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p role="alert" className="mt-4">
          {t("tooMany")}
        </p>
      </main>
    );
  }
  const { page, period, report, value, problemKind } = answer;
  const problem = problemKind ? t(`period.${problemKind}`) : null;
  const label = period && !problem ? period.label : null;
  return (
    <PageShell page={page} lang={lang} headingLevel={2}>
      <div className="service-report">
        <h1 className="text-2xl font-bold">{label ? t("heading", { period: label }) : t("title")}</h1>
        <p className="mt-2 text-slate-700 dark:text-slate-300">{t("intro")}</p>
        <ReportPeriodForm
          action={hrefIn(lang, "/report")}
          value={value.slice(0, 20)}
          problem={problem}
          text={{ label: t("period.label"), hint: t("period.hint") }}
          inputClassName="mt-1 w-40 rounded-md border border-slate-400 bg-white px-3 py-2 dark:border-slate-500 dark:bg-slate-900"
          errorClassName="text-sm text-red-700 dark:text-red-400"
        >
          <Button type="submit" variant="inverse" className="mb-6">
            {t("period.show")}
          </Button>
        </ReportPeriodForm>
        {report && period && (
          <>
            <ServiceReportView
              report={report}
              timeZone={page.timeZone}
              locale={locale}
              csvHref={(table) => hrefIn(lang, `/report/csv?period=${encodeURIComponent(period.label)}&table=${table}`)}
              incidentHref={(id) => hrefIn(lang, `/incidents/${id}`)}
            />
            <p className="mt-8 text-sm text-slate-700 print:hidden dark:text-slate-300">{t("print")}</p>
          </>
        )}
      </div>
    </PageShell>
  );
}
