import { hrefIn, type PageLanguage } from "@/core/i18n/paths";
import { translator } from "@/core/i18n/translate";

/**
 * "Was this helpful?" under an update on the incident page: a plain HTML form (the page is cached and has no
 * JavaScript). The vote route records it and opens the vote page, where a No can add a comment.
 */
export function HelpfulQuestion({ updateId, lang }: { updateId: string; lang: PageLanguage }) {
  const t = translator(lang.locale, "incident");
  const button =
    "rounded border border-slate-400 px-2 py-0.5 text-sm hover:bg-slate-100 dark:border-slate-500 dark:hover:bg-slate-800";
  return (
    <form
      method="post"
      action={hrefIn(lang, `/helpful/${updateId}/vote`)}
      className="mt-2 flex flex-wrap items-center gap-2 text-sm"
    >
      <span id={`helpful-${updateId}`} className="text-slate-700 dark:text-slate-300">
        {t("helpful")}
      </span>
      <button type="submit" name="helpful" value="yes" aria-describedby={`helpful-${updateId}`} className={button}>
        {t("yes")}
      </button>
      <button type="submit" name="helpful" value="no" aria-describedby={`helpful-${updateId}`} className={button}>
        {t("no")}
      </button>
    </form>
  );
}
