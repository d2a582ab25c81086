import Link from "next/link";
import type { Page } from "@/db/schema";
import { ENGLISH_PAGE, hrefIn, type PageLanguage } from "@/core/i18n/paths";
import type { Locale } from "@/core/i18n/locales";
import { translator } from "@/core/i18n/translate";
import { LanguageMenu } from "./language-menu";

const linkClass = "underline decoration-slate-400 underline-offset-2 hover:decoration-current";

/** Header and footer of every public page. Plain links: the public pages ship no framework JavaScript. */
export function PageShell({
  page,
  lang: given,
  locale,
  children,
  headingLevel = 1,
}: {
  page: Page;
  /** The page's language; without it (a page with no language versions) English and no language menu. */
  lang?: PageLanguage;
  /** The words' language on a page without language versions (the manage page: the subscriber's). */
  locale?: Locale;
  children: React.ReactNode;
  headingLevel?: 1 | 2;
}) {
  const Title = headingLevel === 1 ? "h1" : "p";
  const lang = given ?? (locale ? { ...ENGLISH_PAGE, locale } : ENGLISH_PAGE);
  const t = translator(lang.locale, "page");
  const href = (path: string) => hrefIn(lang, path);
  return (
    <div className="mx-auto flex min-h-dvh max-w-4xl flex-col px-4 py-6 sm:px-6 sm:py-10">
      <a href="#main" className="sr-only focus:not-sr-only focus:mb-4 focus:inline-block">
        {t("skipToContent")}
      </a>
      <header className="mb-8 flex flex-wrap items-center justify-between gap-x-6 gap-y-3">
        <Title className="text-2xl font-bold tracking-tight">
          <Link href={href("/")} className="hover:underline">
            {page.logoAssetId ? (
              // eslint-disable-next-line @next/next/no-img-element -- a stored upload, not a build-time image
              <img src={`/assets/${page.logoAssetId}`} alt={page.name} className="h-10 w-auto" />
            ) : (
              page.name
            )}
          </Link>
        </Title>
        <nav aria-label={t("pageNav")} className="flex flex-wrap items-center gap-4 text-sm font-medium">
          <Link href={href("/history")} className={linkClass}>
            {t("historyLink")}
          </Link>
          <a
            href={href("/subscribe")}
            className="rounded-md bg-slate-900 px-3 py-2 text-white hover:bg-slate-700 dark:bg-slate-100 dark:text-slate-900 dark:hover:bg-white"
          >
            {t("subscribe")}
          </a>
          {given && <LanguageMenu lang={given} />}
        </nav>
      </header>
      <main id="main" className="flex-1">
        {children}
      </main>
      <footer className="mt-12 border-t border-slate-200 pt-6 text-sm text-slate-600 dark:border-slate-800 dark:text-slate-400">
        <nav aria-label={t("footerNav")}>
          <ul className="flex flex-wrap gap-x-5 gap-y-2">
            <li>
              <Link href={href("/history")} className={linkClass}>
                {t("history")}
              </Link>
            </li>
            <li>
              <a href={href("/history.atom")} className={linkClass}>
                {t("atomFeed")}
              </a>
            </li>
            <li>
              <a href={href("/history.rss")} className={linkClass}>
                {t("rssFeed")}
              </a>
            </li>
            <li>
              <a href="/api/v2/summary.json" className={linkClass}>
                {t("statusJson")}
              </a>
            </li>
            <li>
              <a href="/api" className={linkClass}>
                {t("api")}
              </a>
            </li>
            {page.supportUrl && (
              <li>
                <a href={safeHref(page.supportUrl)} className={linkClass} rel="noopener">
                  {t("support")}
                </a>
              </li>
            )}
          </ul>
        </nav>
        {page.footerText && <p className="mt-4 whitespace-pre-line">{page.footerText}</p>}
      </footer>
    </div>
  );
}

/** The support link is admin input: only http(s) and mailto reach an href. */
function safeHref(url: string): string {
  return /^(https?:|mailto:)/i.test(url.trim()) ? url.trim() : "#";
}
