// Collects the public site as the app serves it: starting from the known entry points (and every incident
// and component id, so nothing only a form links to is missed), it fetches each URL through the running app,
// the same code and cache that answer visitors, and follows the links it finds in HTML and CSS, keeping only
// publishable paths (core/publish-paths.ts). Then every object's links are rewritten for the copy.
import { createHash } from "node:crypto";
import {
  cacheControlFor,
  isPublishablePath,
  keyForUrl,
  normalizeUrl,
  rewriteAbsolute,
  rewriteCss,
  rewriteHtml,
  type LinkContext,
} from "@/core/publish-paths";
import { stripFrameworkScripts } from "@/services/html-strip";
import { LOCALES } from "@/core/i18n/locales";
import { isLocalizedPath } from "@/core/i18n/paths";

/** One answer of the app. */
export interface Fetched {
  status: number;
  contentType: string;
  body: Buffer;
}

/** Fetches an app path (with its query) from the running app. */
export type SiteFetcher = (url: string) => Promise<Fetched>;

/** The object for a page plus the hash of its content: the "published at" line is added later, if it changed. */
export interface SiteObject {
  key: string;
  /** The app URL it was fetched from (none for 404.html). */
  url?: string;
  body: Buffer;
  contentType: string;
  cacheControl: string;
  hash: string;
  html: boolean;
}

/** Past these the site is not what this publisher was made for: fail clearly rather than fill a disk. */
export const MAX_OBJECTS = 20_000;
export const MAX_SITE_BYTES = 1024 * 1024 * 1024;
const CONCURRENCY = 4;

/** A path no route matches: what the app answers for it is the copy's 404.html. */
export const NOT_FOUND_PROBE = "/__publish/not-found";

export const API_V2_PATHS = [
  "/api/v2/summary.json",
  "/api/v2/status.json",
  "/api/v2/components.json",
  "/api/v2/incidents.json",
  "/api/v2/incidents/unresolved.json",
  "/api/v2/scheduled-maintenances.json",
  "/api/v2/scheduled-maintenances/active.json",
  "/api/v2/scheduled-maintenances/upcoming.json",
];

const INDICATORS = ["none", "minor", "major", "critical", "maintenance"];

/**
 * What a change to public content can touch besides the incidents it changed: the pages and files that show
 * the current state. A quick publish fetches only these (and the changed incidents); the minute's full
 * publish catches everything else (history pages, per-service pages).
 */
export const CURRENT_STATE_URLS = [
  "/",
  "/history",
  "/history.atom",
  "/history.rss",
  "/maintenances.ics",
  "/badge.svg",
  "/embed/widget",
  ...API_V2_PATHS,
];

export function seedUrls(ids: { incidentIds: string[]; maintenanceIds: string[]; componentIds: string[] }): string[] {
  return [
    "/",
    "/history",
    "/history.atom",
    "/history.rss",
    "/maintenances.ics",
    "/badge.svg",
    "/embed.js",
    "/embed/widget",
    "/page.js",
    ...INDICATORS.map((i) => `/favicon-${i}.svg`),
    ...API_V2_PATHS,
    ...ids.incidentIds.map((id) => `/incidents/${id}`),
    ...ids.maintenanceIds.map((id) => `/maintenances/${id}.ics`),
    ...ids.componentIds.flatMap((id) => [
      `/history?component=${id}`,
      `/history.atom?component=${id}`,
      `/history.rss?component=${id}`,
      `/badge.svg?component=${id}`,
    ]),
  ];
}

/** A seed and its copy in each language (`/history` -> `/de/history`, ...), for paths that have them. */
export function inEveryLanguage(url: string): string[] {
  const [pathname] = url.split("?");
  if (!isLocalizedPath(pathname)) return [url];
  return [
    url,
    ...LOCALES.map((locale) =>
      url === "/" || url.startsWith("/?") ? `/${locale}${url.slice(1)}` : `/${locale}${url}`,
    ),
  ];
}

const LINK_ATTR = /\b(?:href|src)="(\/[^"]*)"/g;
const CSS_URL = /url\((["']?)(\/[^)"']*)\1\)/g;

function linksIn(fetched: Fetched): string[] {
  const type = fetched.contentType;
  const text = fetched.body.toString("utf8");
  if (type.startsWith("text/html")) return [...text.matchAll(LINK_ATTR)].map((m) => m[1].replace(/&amp;/g, "&"));
  if (type.startsWith("text/css")) return [...text.matchAll(CSS_URL)].map((m) => m[2]);
  return [];
}

function publishable(url: string): string | undefined {
  if (url.startsWith("//")) return undefined;
  const normalized = normalizeUrl(url.split("#")[0]);
  return isPublishablePath(normalized.split("?")[0]) ? normalized : undefined;
}

/** Fetches the whole public site. Only 200 answers are published; a 404 for a seed just means "not public". */
export async function crawlSite(
  fetcher: SiteFetcher,
  seeds: string[],
  signal?: AbortSignal,
  /** Already published and not to be fetched again when only linked to (a quick publish). */
  known: ReadonlySet<string> = new Set(),
  /** What each seed stands for: itself and its copy in every language, unless a caller renders them apart. */
  expand: (url: string) => string[] = inEveryLanguage,
): Promise<Map<string, Fetched>> {
  const found = new Map<string, Fetched>();
  const queued = new Set<string>();
  const queue: string[] = [];
  const enqueue = (url: string) => {
    const u = publishable(url);
    if (!u || queued.has(u)) return;
    if (queued.size >= MAX_OBJECTS) throw new Error(`The site has more than ${MAX_OBJECTS} objects to publish.`);
    queued.add(u);
    queue.push(u);
  };
  seeds.flatMap(expand).forEach(enqueue);
  for (const u of known) queued.add(u);
  let bytes = 0;
  const worker = async () => {
    for (let url = queue.shift(); url !== undefined; url = queue.shift()) {
      signal?.throwIfAborted();
      const fetched = await fetcher(url);
      if (fetched.status !== 200) {
        // 308: the default language's prefixed duplicate (core/i18n/paths.ts); its one URL is published.
        if (fetched.status === 404 || fetched.status === 308) continue;
        throw new Error(`The app answered ${fetched.status} for ${url}`);
      }
      bytes += fetched.body.length;
      if (bytes > MAX_SITE_BYTES) throw new Error(`The site is larger than ${MAX_SITE_BYTES} bytes.`);
      found.set(url, fetched);
      linksIn(fetched).forEach(enqueue);
    }
  };
  // Workers end when the queue is empty; links found later restart one, so loop until nothing is left.
  while (queue.length) await Promise.all(Array.from({ length: Math.min(CONCURRENCY, queue.length) }, worker));
  return found;
}

const hashOf = (body: Buffer) => createHash("sha256").update(body).digest("base64url");
const isText = (type: string) =>
  /^(text\/|application\/(json|javascript|atom\+xml|rss\+xml|xml)|image\/svg\+xml)/.test(type);

/** Turns what the app answered into the objects of the copy, links rewritten. */
export function buildObjects(
  pages: Map<string, Fetched>,
  notFound: Fetched | undefined,
  links: Omit<LinkContext, "selfKey" | "keys">,
  /** Keys of objects published before and not fetched this time (a quick publish links to them). */
  knownKeys: ReadonlyMap<string, string> = new Map(),
): SiteObject[] {
  const keys = new Map<string, string>(knownKeys);
  for (const [url, fetched] of pages) keys.set(url, keyForUrl(url, fetched.contentType));
  const entries: [string, Fetched, string | undefined][] = [...pages].map(([url, f]) => [keys.get(url)!, f, url]);
  if (notFound) entries.push(["404.html", notFound, undefined]);
  return entries.map(([key, fetched, url]) => {
    const ctx: LinkContext = { ...links, selfKey: key, keys };
    const type = fetched.contentType;
    const html = type.startsWith("text/html");
    let body = fetched.body;
    if (html) {
      body = Buffer.from(rewriteAbsolute(rewriteHtml(stripFrameworkScripts(body.toString("utf8")), ctx), ctx));
    } else if (type.startsWith("text/css")) {
      body = Buffer.from(rewriteCss(body.toString("utf8"), ctx));
    } else if (isText(type)) {
      body = Buffer.from(rewriteAbsolute(body.toString("utf8"), ctx));
    }
    // The 404 page is served for any missing path, so its links must not be relative to where it sits.
    // Without a known address, root-relative: right when the copy is at the root of its domain.
    if (key === "404.html") {
      const base = links.baseUrl ?? "";
      body = Buffer.from(
        body.toString("utf8").replace(/\b(href|src)="(?!https?:|#|mailto:|\/)([^"]+)"/g, `$1="${base}/$2"`),
      );
    }
    return { key, url, body, contentType: type, cacheControl: cacheControlFor(key), hash: hashOf(body), html };
  });
}
