// The incident history feeds (/history.atom, /history.rss), per page or per component. The entry HTML keeps
// Statuspage's layout exactly, because consumers parse it with regular expressions:
// <p><small>Jun <var data-var='date'>11</var>, <var data-var='time'>09:45</var> UTC</small><br><strong>Identified</strong> - body</p>
import type { Db } from "@/db";
import { loadIncidentBundles, type IncidentBundle } from "@/db/queries/public-api";
import type { ApiContext } from "@/services/api/statuspage";
import { updateLabels } from "@/core/incident";
import { toIso } from "@/core/time";
import { escapeXml } from "./xml";
import { DEFAULT_LOCALE } from "@/core/i18n/locales";
import { ENGLISH_PAGE, localizePath, type PageLanguage } from "@/core/i18n/paths";
import { translator } from "@/core/i18n/translate";

export const FEED_SIZE = 25;

export interface FeedInput {
  ctx: ApiContext;
  bundles: IncidentBundle[];
  /** A component's name for a per-component feed. */
  componentName?: string;
  componentId?: string;
  /** The feed's language (its URL's, /de/history.atom); English with unprefixed links without it. */
  lang?: PageLanguage;
}

const langOf = (input: FeedInput) => input.lang ?? ENGLISH_PAGE;
/** An absolute link to a page of the site in the feed's language. */
function linkTo(input: FeedInput, path: string): string {
  const localized = localizePath(path, langOf(input).locale, langOf(input).defaultLocale);
  return localized === "/" ? input.ctx.baseUrl : `${input.ctx.baseUrl}${localized}`;
}

/** The newest incidents and maintenances, of the whole page or of one component. */
export function loadFeedBundles(db: Db, ctx: ApiContext, componentId?: string): IncidentBundle[] {
  return loadIncidentBundles(db, ctx.page.id, {
    componentId,
    order: "created_desc",
    limit: FEED_SIZE,
    audience: ctx.audience,
  });
}

function zoneLabel(timeZone: string, at: number, locale: string): string {
  if (timeZone === "Etc/UTC" || timeZone === "UTC") return "UTC";
  const part = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: "short" })
    .formatToParts(new Date(at))
    .find((p) => p.type === "timeZoneName");
  return part?.value ?? timeZone;
}

function stamp(at: number, timeZone: string, locale: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat(locale, {
      timeZone,
      month: "short",
      day: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(new Date(at))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.month} <var data-var='date'>${parts.day}</var>, <var data-var='time'>${parts.hour}:${parts.minute}</var> ${escapeXml(zoneLabel(timeZone, at, locale))}`;
}

/**
 * The entry HTML: one paragraph per update, newest first. The layout is Statuspage's in every language (the
 * words and the month are the feed's language; English stays exactly as Statuspage writes it).
 */
export function entryHtml(
  bundle: IncidentBundle,
  timeZone: string,
  locale: PageLanguage["locale"] = DEFAULT_LOCALE,
): string {
  const t = translator(locale, "incident");
  const intl = locale === "en" ? "en-US" : locale;
  // Bundles list updates newest first; the labels are worked out in timeline order.
  const labels = updateLabels([...bundle.updates].reverse()).reverse();
  return bundle.updates
    .map((u, i) => {
      const label = locale === "en" ? labels[i] : labels[i] === "Update" ? t("update") : t(`status.${u.status}`);
      return `<p><small>${stamp(u.displayAt, timeZone, intl)}</small><br><strong>${escapeXml(label)}</strong> - ${escapeXml(u.body)}</p>`;
    })
    .join("");
}

function feedTitle(input: FeedInput): string {
  const t = translator(langOf(input).locale, "feed");
  const page = input.ctx.page.name;
  return input.componentName ? t("titleFor", { page, component: input.componentName }) : t("title", { page });
}

function feedUpdated(input: FeedInput): number {
  return Math.max(input.ctx.page.updatedAt, ...input.bundles.map((b) => b.incident.updatedAt));
}

function selfUrl(input: FeedInput, file: string): string {
  return linkTo(input, `/${file}${input.componentId ? `?component=${input.componentId}` : ""}`);
}

/** xml:lang of the feed: BCP 47, "en-US" for English as before. */
const xmlLang = (input: FeedInput) => (langOf(input).locale === "en" ? "en-US" : langOf(input).locale);

export function atomFeed(input: FeedInput): string {
  const { ctx } = input;
  const host = new URL(ctx.baseUrl).hostname;
  const entries = input.bundles.map((b) => {
    const link = linkTo(input, `/incidents/${b.incident.id}`);
    return [
      "  <entry>",
      `    <id>tag:${host},2005:Incident/${b.incident.id}</id>`,
      `    <published>${toIso(b.incident.createdAt)}</published>`,
      `    <updated>${toIso(b.incident.updatedAt)}</updated>`,
      `    <link rel="alternate" type="text/html" href="${escapeXml(link)}"/>`,
      `    <title>${escapeXml(b.incident.name)}</title>`,
      `    <content type="html">${escapeXml(entryHtml(b, ctx.page.timeZone, langOf(input).locale))}</content>`,
      "  </entry>",
    ].join("\n");
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<feed xml:lang="${xmlLang(input)}" xmlns="http://www.w3.org/2005/Atom">`,
    `  <id>tag:${host},2005:/history${input.componentId ? `/${input.componentId}` : ""}</id>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(linkTo(input, "/"))}"/>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(selfUrl(input, "history.atom"))}"/>`,
    `  <title>${escapeXml(feedTitle(input))}</title>`,
    `  <updated>${toIso(feedUpdated(input))}</updated>`,
    `  <author>\n    <name>${escapeXml(ctx.page.name)}</name>\n  </author>`,
    ...entries,
    "</feed>",
    "",
  ].join("\n");
}

export function rssFeed(input: FeedInput): string {
  const { ctx } = input;
  const items = input.bundles.map((b) => {
    const link = linkTo(input, `/incidents/${b.incident.id}`);
    return [
      "    <item>",
      `      <title>${escapeXml(b.incident.name)}</title>`,
      `      <description>${escapeXml(entryHtml(b, ctx.page.timeZone, langOf(input).locale))}</description>`,
      `      <pubDate>${new Date(b.incident.createdAt).toUTCString()}</pubDate>`,
      `      <link>${escapeXml(link)}</link>`,
      `      <guid isPermaLink="true">${escapeXml(link)}</guid>`,
      "    </item>",
    ].join("\n");
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    "  <channel>",
    `    <title>${escapeXml(feedTitle(input))}</title>`,
    `    <link>${escapeXml(linkTo(input, "/"))}</link>`,
    `    <language>${xmlLang(input)}</language>`,
    `    <description>${escapeXml(translator(langOf(input).locale, "feed")("description", { page: ctx.page.name }))}</description>`,
    `    <pubDate>${new Date(feedUpdated(input)).toUTCString()}</pubDate>`,
    `    <atom:link href="${escapeXml(selfUrl(input, "history.rss"))}" rel="self" type="application/rss+xml"/>`,
    ...items,
    "  </channel>",
    "</rss>",
    "",
  ].join("\n");
}
