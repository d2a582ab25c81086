// The manage page's choice of the monthly "this month in IT" email (the service report's headline figures).
// A plain form posting to a Server Action: works without JavaScript; the signed token authenticates it.
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { Button } from "@/components/ui/button";
import { DEFAULT_LOCALE, type Locale } from "@/core/i18n/locales";
import { translator } from "@/core/i18n/translate";
import { setMonthlyReportByManageToken } from "@/services/reports/monthly-optin";

async function setMonthlyReport(token: string, on: boolean): Promise<void> {
  "use server";
  const result = setMonthlyReportByManageToken(getDb(), token, on);
  redirect(`/manage/${encodeURIComponent(token)}${result.ok ? "" : "?failed=1"}#monthly-report`);
}

export function MonthlyReportChoice({
  token,
  on,
  locale = DEFAULT_LOCALE,
}: {
  token: string;
  on: boolean;
  locale?: Locale;
}) {
  const t = translator(locale, "report");
  return (
    <section
      id="monthly-report"
      aria-labelledby="monthly-report-title"
      className="mt-8 border-t border-slate-200 pt-6 dark:border-slate-700"
    >
      <h2 id="monthly-report-title" className="text-lg font-semibold">
        {t("manage.title")}
      </h2>
      <p className="mt-1">{on ? t("manage.on") : t("manage.off")}</p>
      <form action={setMonthlyReport.bind(null, token, !on)} className="mt-3">
        <Button type="submit" variant="secondary">
          {on ? t("manage.stop") : t("manage.start")}
        </Button>
      </form>
    </section>
  );
}
