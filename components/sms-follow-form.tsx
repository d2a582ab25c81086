import { Button } from "@/components/ui/button";
import { hrefIn, type PageLanguage } from "@/core/i18n/paths";
import { translator } from "@/core/i18n/translate";

/**
 * "Get updates on this incident by SMS", beside the email form when SMS is configured. A plain HTML form
 * (the incident page has no scripts) posting to /incidents/<id>/follow/sms, which answers with the code form.
 */
export function SmsFollowForm({
  incidentId,
  postmortemOnly,
  lang,
}: {
  incidentId: string;
  postmortemOnly: boolean;
  /** The page's language: the form posts to the same language's URL, and the follower's texts use it. */
  lang: PageLanguage;
}) {
  const locale = lang.locale;
  const t = translator(locale, "sms-follow");
  return (
    <section aria-labelledby="follow-sms" className="mt-4 rounded-lg border border-slate-200 p-4 dark:border-slate-800">
      <h2 id="follow-sms" className="text-lg font-semibold">
        {postmortemOnly ? t("titlePostmortem") : t("title")}
      </h2>
      <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
        {postmortemOnly ? t("introPostmortem") : t("intro")}
      </p>
      <form
        method="post"
        action={hrefIn(lang, `/incidents/${incidentId}/follow/sms`)}
        className="mt-3 space-y-3"
        noValidate
      >
        <div>
          <label htmlFor="follow-phone" className="block font-medium">
            {t("phoneLabel")}
          </label>
          <p id="follow-phone-hint" className="text-sm text-slate-700 dark:text-slate-300">
            {t("phoneHint")}
          </p>
          <input
            id="follow-phone"
            name="phone"
            type="tel"
            autoComplete="tel"
            required
            maxLength={40}
            dir="ltr"
            aria-describedby="follow-phone-hint"
            className="mt-1 w-full max-w-sm rounded-md border border-slate-300 px-3 py-2 dark:border-slate-600 dark:bg-slate-900"
          />
        </div>
        {/* The follower's language: their texts are written in it. */}
        <input type="hidden" name="language" value={locale} />
        {/* The honeypot: hidden from people and from assistive technology. */}
        <div aria-hidden="true" className="hidden">
          <label htmlFor="follow-sms-website">Website</label>
          <input id="follow-sms-website" name="website" type="text" tabIndex={-1} autoComplete="off" />
        </div>
        {postmortemOnly ? (
          <input type="hidden" name="postmortem" value="1" />
        ) : (
          <label className="flex items-center gap-2">
            <input type="checkbox" name="postmortem" value="1" />
            {t("postmortem")}
          </label>
        )}
        <Button type="submit">{t("submit")}</Button>
      </form>
    </section>
  );
}
