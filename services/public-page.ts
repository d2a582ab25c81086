// Shared by the public routes: the page row, and the head metadata (title and favicon follow the status).
import type { Metadata } from "next";
import { getDb } from "@/db";
import { getOverallStatus, getPage } from "@/db/queries/status-page";
import type { Page } from "@/db/schema";
import type { Indicator } from "@/db/constants";

export function loadPage(): Page | undefined {
  return getPage(getDb());
}

export function statusIcon(indicator: Indicator): string {
  return `/favicon-${indicator}.svg`;
}

/** Title "<Page> Status - <description>" (or a page title first) and a favicon in the status colour. */
export function statusMetadata(title?: string): Metadata {
  const db = getDb();
  const page = getPage(db);
  if (!page) return {};
  const status = getOverallStatus(db, page.id);
  const fullTitle = title ? `${title} - ${page.name} Status` : `${page.name} Status - ${status.description}`;
  return {
    title: fullTitle,
    // A link to the page in chat or a ticket previews with its name and current status.
    openGraph: { title: fullTitle, type: "website", siteName: `${page.name} Status` },
    icons: { icon: { url: statusIcon(status.indicator), type: "image/svg+xml" } },
    alternates: {
      types: { "application/atom+xml": "/history.atom", "application/rss+xml": "/history.rss" },
    },
  };
}
