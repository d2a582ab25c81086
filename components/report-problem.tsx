import { buttonClass } from "@/components/ui/button";
import { hrefIn, type PageLanguage } from "@/core/i18n/paths";
import { translator } from "@/core/i18n/translate";

/**
 * "Something not working?" on the public page: a plain link (no JavaScript, cacheable) to the report page,
 * where the visitor picks the service and sees any open incident about it first. The page also takes
 * `?service=<id>`, so a link can name the service.
 */
export function ReportProblem({ lang }: { lang: PageLanguage }) {
  const t = translator(lang.locale, "page");
  return (
    <section
      aria-labelledby="report-problem"
      className="mt-8 flex flex-wrap items-center justify-between gap-3 rounded-lg border border-slate-300 p-4 dark:border-slate-700"
    >
      <div>
        <h2 id="report-problem" className="text-lg font-semibold">
          {t("reportHeading")}
        </h2>
        <p className="text-sm text-slate-700 dark:text-slate-300">{t("reportText")}</p>
      </div>
      <a href={hrefIn(lang, "/report-a-problem")} className={buttonClass("inverse")}>
        {t("reportButton")}
      </a>
    </section>
  );
}
