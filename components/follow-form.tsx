import { Button } from "@/components/ui/button";
import { hrefIn, type PageLanguage } from "@/core/i18n/paths";
import { translator } from "@/core/i18n/translate";

/**
 * "Get updates on this incident" on the incident page. The page is cached and has no scripts, so this is a
 * plain HTML form posting to /incidents/<id>/follow (a route handler that answers with its own page).
 */
export function FollowForm({
  incidentId,
  postmortemOnly,
  lang,
}: {
  incidentId: string;
  postmortemOnly: boolean;
  lang: PageLanguage;
}) {
  const t = translator(lang.locale, "incident");
  return (
    <section aria-labelledby="follow" className="mt-8 rounded-lg border border-slate-200 p-4 dark:border-slate-800">
      <h2 id="follow" className="text-lg font-semibold">
        {postmortemOnly ? t("followPostmortemHeading") : t("followHeading")}
      </h2>
      <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
        {postmortemOnly ? t("followPostmortemText") : t("followText")}
      </p>
      <form
        method="post"
        action={hrefIn(lang, `/incidents/${incidentId}/follow`)}
        className="mt-3 space-y-3"
        noValidate
      >
        {/* The subscriber's language: their emails are written in it. */}
        <input type="hidden" name="language" value={lang.locale} />
        <div>
          <label htmlFor="follow-email" className="block font-medium">
            {t("email")}
          </label>
          <input
            id="follow-email"
            name="email"
            type="email"
            autoComplete="email"
            required
            maxLength={254}
            className="mt-1 w-full max-w-sm rounded-md border border-slate-300 px-3 py-2 dark:border-slate-600 dark:bg-slate-900"
          />
        </div>
        {/* The honeypot: hidden from people and from assistive technology. */}
        <div aria-hidden="true" className="hidden">
          <label htmlFor="follow-website">Website</label>
          <input id="follow-website" name="website" type="text" tabIndex={-1} autoComplete="off" />
        </div>
        {postmortemOnly ? (
          <input type="hidden" name="postmortem" value="1" />
        ) : (
          <label className="flex items-center gap-2">
            <input type="checkbox" name="postmortem" value="1" />
            {t("alsoPostmortem")}
          </label>
        )}
        <Button type="submit">{postmortemOnly ? t("followPostmortemButton") : t("followButton")}</Button>
      </form>
    </section>
  );
}
