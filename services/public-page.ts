// Shared by the public routes: the page row, and the head metadata (title and favicon follow the status).
import type { Metadata } from "next";
import { getDb } from "@/db";
import { getOverallStatus, getPage } from "@/db/queries/status-page";
import type { Page } from "@/db/schema";
import type { Indicator } from "@/db/constants";
import { ENGLISH_PAGE, languageAlternates, localizePath, type PageLanguage } from "@/core/i18n/paths";
import { translator } from "@/core/i18n/translate";
import { DESCRIPTION_KEY } from "@/core/i18n/status-words";

export function loadPage(): Page | undefined {
  return getPage(getDb());
}

export function statusIcon(indicator: Indicator): string {
  return `/favicon-${indicator}.svg`;
}

/**
 * Title "<Page> Status - <description>" (or a page title first) and a favicon in the status colour, in the
 * page's language, with an hreflang alternate per language plus x-default (core/i18n/paths.ts). Without
 * `lang` (a page that has no language versions): English and no alternates.
 */
export function statusMetadata(title?: string, lang?: PageLanguage): Metadata {
  const db = getDb();
  const page = getPage(db);
  if (!page) return {};
  const status = getOverallStatus(db, page.id);
  const l = lang ?? ENGLISH_PAGE;
  const t = translator(l.locale, "page");
  const fullTitle = title
    ? t("titleWith", { title, page: page.name })
    : t("title", { page: page.name, status: t(`overall.${DESCRIPTION_KEY[status.description]}`) });
  const feed = (path: string) => localizePath(path, l.locale, l.defaultLocale);
  return {
    title: fullTitle,
    // A link to the page in chat or a ticket previews with its name and current status.
    openGraph: { title: fullTitle, type: "website", siteName: t("siteName", { page: page.name }), locale: l.locale },
    icons: { icon: { url: statusIcon(status.indicator), type: "image/svg+xml" } },
    alternates: {
      types: { "application/atom+xml": feed("/history.atom"), "application/rss+xml": feed("/history.rss") },
      ...(lang && {
        languages: Object.fromEntries(
          languageAlternates(lang.path, lang.defaultLocale).map((a) => [a.hrefLang, a.href]),
        ),
      }),
    },
  };
}
