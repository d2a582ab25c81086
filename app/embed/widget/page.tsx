import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { getOverallStatus } from "@/db/queries/status-page";
import { apiContext } from "@/services/api/v2";
import { pageAudience } from "@/services/viewers/request";
import { INDICATOR_TONE, StatusIcon } from "@/components/status-icon";
import { hrefIn } from "@/core/i18n/paths";
import { DESCRIPTION_KEY } from "@/core/i18n/status-words";
import { translator } from "@/core/i18n/translate";
import { publicLocale } from "@/services/i18n/request";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: translator((await publicLocale()).locale, "embed")("widgetTitle"), robots: { index: false } };
}

/** A compact status card for an <iframe> on another site (see /api for the snippet). */
export default async function StatusWidget() {
  const db = getDb();
  const { audience } = await pageAudience();
  const ctx = apiContext(db, undefined, audience);
  if (!ctx) notFound();
  const status = getOverallStatus(db, ctx.page.id, audience);
  // /de/embed/widget is the German widget; its link opens the German page.
  const lang = await publicLocale();
  const t = translator(lang.locale, "embed");
  // A document of its own inside the frame: a main landmark and a heading (the page's name) like any page.
  return (
    <main>
      <a
        href={`${ctx.baseUrl}${lang.locale === lang.defaultLocale ? "" : hrefIn(lang, "/")}`}
        target="_blank"
        rel="noopener"
        className="flex items-center gap-3 rounded-lg border border-slate-200 px-4 py-3 text-sm no-underline dark:border-slate-700"
      >
        <StatusIcon tone={INDICATOR_TONE[status.indicator]} className="size-6" />
        <div className="min-w-0">
          <p className="font-semibold">
            {translator(lang.locale, "page")(`overall.${DESCRIPTION_KEY[status.description]}`)}
          </p>
          <h1 className="font-normal text-slate-600 dark:text-slate-300">{t("pageStatus", { page: ctx.page.name })}</h1>
        </div>
      </a>
    </main>
  );
}
