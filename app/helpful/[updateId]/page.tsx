import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { votableUpdate } from "@/db/queries/update-votes";
import { getPageRow } from "@/db/queries/subscribers";
import { LocalTime } from "@/components/local-time";
import { Markdown } from "@/components/markdown";
import { PageShell } from "@/components/page-shell";
import { buttonClass } from "@/components/ui/button";
import { isId } from "@/core/ids";
import { hrefIn } from "@/core/i18n/paths";
import { translator } from "@/core/i18n/translate";
import { publicLocale } from "@/services/i18n/request";
import { voteErrorText } from "@/services/votes/page-text";
import { VOTE_LIMITS } from "@/services/votes/vote";

// Not cached: it answers a vote. A GET never records one (mail scanners open every link): the buttons post.
export const dynamic = "force-dynamic";
export async function generateMetadata(): Promise<Metadata> {
  return { title: translator((await publicLocale()).locale, "helpful")("title"), robots: { index: false } };
}

type Search = { voter?: string | string[]; v?: string | string[]; done?: string | string[]; error?: string | string[] };
const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

export default async function HelpfulPage({
  params,
  searchParams,
}: {
  params: Promise<{ updateId: string }>;
  searchParams: Promise<Search>;
}) {
  const { updateId } = await params;
  const search = await searchParams;
  const db = getDb();
  const page = getPageRow(db);
  const update = isId(updateId) ? votableUpdate(db, updateId) : undefined;
  if (!page || !update) notFound();
  const voter = one(search.voter)?.slice(0, 100);
  const done = one(search.done);
  const lang = await publicLocale();
  const t = translator(lang.locale, "helpful");
  const error = voteErrorText(one(search.error), lang.locale);
  const leaning = one(search.v);
  const action = hrefIn(lang, `/helpful/${update.id}/vote`);
  return (
    <PageShell page={page} lang={lang} headingLevel={2}>
      <div className="mx-auto max-w-xl">
        <h1 className="text-2xl font-bold">{t("heading")}</h1>
        <section
          aria-label={t("theUpdate")}
          className="mt-4 rounded-md border border-slate-300 p-4 dark:border-slate-700"
        >
          <p className="font-semibold">
            <a href={hrefIn(lang, `/incidents/${update.incidentId}`)} className="underline">
              {update.incidentName}
            </a>
          </p>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            <LocalTime at={update.displayAt} timeZone={page.timeZone} locale={lang.locale} />
          </p>
          <Markdown source={update.body} className="mt-2 break-words" />
        </section>
        {error && (
          <p role="alert" className="mt-4 text-red-700 dark:text-red-400">
            {error}
          </p>
        )}
        {done && (
          <p
            role="status"
            className="mt-4 rounded-md bg-green-50 px-3 py-2 text-green-900 dark:bg-green-950 dark:text-green-100"
          >
            {t("thanks")}
          </p>
        )}
        <form method="post" action={action} className="mt-6 space-y-4">
          {voter && <input type="hidden" name="voter" value={voter} />}
          {(done === "no" || leaning === "no" || (!done && error)) && (
            <div>
              <label htmlFor="comment" className="block font-medium">
                {t("missing")}{" "}
                <span className="font-normal text-slate-600 dark:text-slate-400">{t("missingHint")}</span>
              </label>
              <textarea
                id="comment"
                name="comment"
                rows={3}
                maxLength={VOTE_LIMITS.comment}
                className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 dark:border-slate-600 dark:bg-slate-900"
              />
            </div>
          )}
          <div className="flex gap-3">
            <button type="submit" name="helpful" value="yes" className={buttonClass("secondary")}>
              {t("yes")}
            </button>
            <button type="submit" name="helpful" value="no" className={buttonClass("secondary")}>
              {t("no")}
            </button>
          </div>
        </form>
      </div>
    </PageShell>
  );
}
