import type { Metadata } from "next";
import { getDb } from "@/db";
import { wantsMonthlyReport } from "@/db/queries/service-report-settings";
import { getThePage } from "@/db/queries/settings";
import { ReportPeriodForm } from "@/components/report/period-form";
import { ServiceReportView } from "@/components/report/service-report-view";
import { buttonClass } from "@/components/ui/button";
import { requireUser } from "@/services/auth/dal";
import { hasRole } from "@/services/auth/roles";
import { serviceReportFor } from "@/services/reports/service-report";
import { MonthlyEmailForm, PublicReportForm } from "./report-settings-forms";

export const metadata: Metadata = { title: "Service report" };
export const dynamic = "force-dynamic";

export default async function ServiceReportPage({ searchParams }: { searchParams: Promise<{ period?: string }> }) {
  const user = await requireUser("editor");
  const db = getDb();
  const page = getThePage(db);
  const { value: requested, period, problem, report } = serviceReportFor(db, page, (await searchParams).period);
  return (
    <div className="service-report max-w-4xl">
      <h1 className="text-2xl font-bold">Service report{period && !problem ? `: ${period.label}` : ""}</h1>
      <ReportPeriodForm
        action="/admin/report"
        value={requested.slice(0, 10)}
        problem={problem}
        text={{ label: "Period (month, quarter or year)" }}
        inputClassName="mt-1 rounded-md border border-slate-300 px-3 py-2 dark:border-slate-600 dark:bg-slate-900"
        errorClassName="mt-2 text-sm text-red-700 dark:text-red-400"
      >
        <button type="submit" className={buttonClass("secondary")}>
          Show
        </button>
        {report && period && (
          <a href={`/admin/report/csv?period=${encodeURIComponent(period.label)}`} className={buttonClass("secondary")}>
            Download CSV
          </a>
        )}
      </ReportPeriodForm>
      {report && period && (
        <ServiceReportView
          report={report}
          timeZone={page.timeZone}
          csvHref={(table) => `/admin/report/csv?period=${encodeURIComponent(period.label)}&table=${table}`}
          incidentHref={(id) => `/admin/incidents/${id}`}
        />
      )}
      <section aria-labelledby="report-sharing" className="mt-10 print:hidden">
        <h2 id="report-sharing" className="text-lg font-semibold">
          Sharing
        </h2>
        <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
          {page.publicReport ? (
            <>
              The report is public at{" "}
              <a href="/report" className="underline">
                /report
              </a>
              , for the public audience only: no internal service, incident or figure.
            </>
          ) : (
            "The report is for the console only; /report answers 404."
          )}{" "}
          The monthly “this month in IT” email sends last month’s headline figures once the month has ended in the
          page’s time zone ({page.timeZone}, in{" "}
          <a href="/admin/settings" className="underline">
            Settings
          </a>
          ) to members who ask for it and to subscribers who chose it on their manage page.
        </p>
        <div className="mt-4 space-y-4">
          {hasRole(user.role, "admin") && <PublicReportForm on={page.publicReport} />}
          <MonthlyEmailForm on={wantsMonthlyReport(db, user.id)} />
        </div>
      </section>
    </div>
  );
}
