// The rules of the static copy of the public site (services/publish): which paths of the app are published,
// the object key each one gets, its Cache-Control, the order objects are uploaded in, and how links inside a
// published object are rewritten so the copy works on its own domain (or from a folder) with no origin behind it.
//
// Keys have no query strings (a bucket or a folder cannot serve `?page=2`): the parameters the pages read
// become part of the name, `/history?page=2` -> `history--page-2.html`. A page without an extension gets
// `.html`, so every static host serves it with the right type; nginx's `try_files $uri $uri.html` keeps the
// origin's own paths (`/incidents/<id>`) working too.
import path from "node:path";
import { DEFAULT_LOCALE, isLocale, type Locale } from "./i18n/locales";
import { isLocalizedPath, splitLocalePath } from "./i18n/paths";
import { formatter, translator } from "./i18n/translate";

/**
 * The app's paths that are public and the same for every visitor: the only ones the publisher fetches. Forms,
 * sign-in, the console, the management API, health and metrics never are.
 */
const PUBLISHABLE: readonly RegExp[] = [
  /^\/$/,
  /^\/history$/,
  /^\/incidents\/[a-z0-9]+$/,
  /^\/maintenances\.ics$/,
  /^\/maintenances\/[a-z0-9]+\.ics$/,
  /^\/api\/v2\/[a-z0-9/-]+\.json$/,
  /^\/history\.(atom|rss)$/,
  /^\/badge\.svg$/,
  /^\/embed\.js$/,
  /^\/embed\/widget$/,
  /^\/page\.js$/,
  /^\/favicon-[a-z]+\.svg$/,
  /^\/assets\/[a-z0-9]+$/,
  /^\/_next\/static\/[A-Za-z0-9._~/@-]+$/,
];

/** The query parameters that make a distinct page (as in the page cache's key). */
const KEPT_PARAMS = ["component", "page"] as const;

/** Also each language's copy (`/de/history`) of a publishable page that has language versions. */
export function isPublishablePath(pathname: string): boolean {
  if (pathname.includes("..")) return false;
  const { locale, rest } = splitLocalePath(pathname);
  if (locale && !isLocalizedPath(rest)) return false;
  const path = locale ? rest : pathname;
  return PUBLISHABLE.some((p) => p.test(path));
}

/** `/history?page=2&utm=x` -> `/history?page=2`: only the parameters the pages read, sorted. */
export function normalizeUrl(url: string): string {
  const parsed = new URL(url, "http://x");
  const params = KEPT_PARAMS.flatMap((k) => {
    const v = parsed.searchParams.get(k);
    return v !== null && /^[A-Za-z0-9_-]{1,64}$/.test(v) ? [`${k}=${v}`] : [];
  });
  return params.length ? `${parsed.pathname}?${params.join("&")}` : parsed.pathname;
}

/** Extensions given to extension-less paths by what they turned out to be (the uploaded logo). */
const EXTENSION_FOR_TYPE: Record<string, string> = {
  "text/html": ".html",
  "image/png": ".png",
  "image/jpeg": ".jpg",
  "image/gif": ".gif",
  "image/webp": ".webp",
  "image/svg+xml": ".svg",
  "application/json": ".json",
};

/** The object key for a normalized URL (`/incidents/abc` -> `incidents/abc.html`), given its Content-Type. */
export function keyForUrl(url: string, contentType: string): string {
  const [pathname, query] = normalizeUrl(url).split("?");
  const suffix = query ? query.split("&").map((kv) => `--${kv.replace("=", "-")}`) : [];
  if (pathname === "/") return `index${suffix.join("")}.html`;
  const bare = pathname.slice(1);
  const ext = path.posix.extname(bare);
  if (ext && !bare.startsWith("assets/")) return `${bare.slice(0, -ext.length)}${suffix.join("")}${ext}`;
  const mime = contentType.split(";")[0].trim().toLowerCase();
  return `${bare}${suffix.join("")}${EXTENSION_FOR_TYPE[mime] ?? ""}`;
}

/** Fingerprinted build output and uploads (a new logo gets a new id) never change under the same key. */
export function isImmutableKey(key: string): boolean {
  return key.startsWith("_next/static/") || key.startsWith("assets/");
}

export const SHORT_CACHE = "public, max-age=30, stale-while-revalidate=60, stale-if-error=86400";
export const LONG_CACHE = "public, max-age=31536000, immutable";

export function cacheControlFor(key: string): string {
  return isImmutableKey(key) ? LONG_CACHE : SHORT_CACHE;
}

/**
 * Upload order, lowest first: what pages link to goes up before the pages, and the pages a visitor arrives
 * at (the home page, the summary the widgets poll) last. So while a publish is half done, or after it failed
 * part way, every published page links only to objects that are already there.
 */
export function uploadRank(key: string): number {
  if (isImmutableKey(key) || /\.(js|css|svg)$/.test(key)) return 0;
  if (key.startsWith("incidents/") || key.startsWith("maintenances/")) return 1;
  if (key === "index.html" || key === "api/v2/summary.json") return 3;
  return 2;
}

/** A link from the object at `fromKey` to the object `toKey`, relative so the copy works under any prefix. */
export function relativeLink(fromKey: string, toKey: string, hash = ""): string {
  const rel = path.posix.relative(path.posix.dirname(`/${fromKey}`), `/${toKey}`);
  return `${rel || path.posix.basename(toKey)}${hash}`;
}

export interface LinkContext {
  /** This object's key. */
  selfKey: string;
  /** Key of every published URL (normalized, as from normalizeUrl). */
  keys: ReadonlyMap<string, string>;
  /** The addresses the app calls itself by (PUBLIC_URL, the page's URL, where the publisher fetched from). */
  origins: readonly string[];
  /** The origin links to what is not published (subscribe, sign in) go to. */
  origin: string;
  /** The published copy's own address, for absolute links in feeds and JSON; relative links when absent. */
  baseUrl?: string;
}

const unescapeAttr = (v: string) => v.replace(/&amp;/g, "&");
const escapeAttr = (v: string) => v.replace(/&/g, "&amp;").replace(/"/g, "&quot;");

/** The app path an href means, or undefined when it points elsewhere (another site, mailto:, a fragment). */
function appPath(href: string, origins: readonly string[]): string | undefined {
  if (href.startsWith("/") && !href.startsWith("//")) return href;
  for (const o of origins)
    if (href === o || href.startsWith(`${o}/`) || href.startsWith(`${o}?`)) return href.slice(o.length) || "/";
  return undefined;
}

/** Where a link to an app path goes in the copy: the published object, or the origin for what is not there. */
function target(href: string, ctx: LinkContext, absolute: boolean): string | undefined {
  const appHref = appPath(href, ctx.origins);
  if (appHref === undefined) return undefined;
  const hashAt = appHref.indexOf("#");
  const hash = hashAt >= 0 ? appHref.slice(hashAt) : "";
  const bare = hashAt >= 0 ? appHref.slice(0, hashAt) : appHref;
  if (bare === "" && hash) return undefined;
  const key = ctx.keys.get(normalizeUrl(bare));
  if (!key) return `${ctx.origin}${bare}${hash}`;
  if (absolute && ctx.baseUrl) return `${ctx.baseUrl}/${key}${hash}`;
  return relativeLink(ctx.selfKey, key, hash);
}

/** Rewrites href, src and action attributes, and url() in inline styles, of one published HTML page. */
export function rewriteHtml(html: string, ctx: LinkContext): string {
  const attrs = html.replace(/\b(href|src|action|content)="([^"]*)"/g, (whole, name: string, value: string) => {
    const raw = unescapeAttr(value);
    // <meta content> holds an address only for Open Graph and the like: absolute there, never relative.
    const to = target(raw, ctx, name === "content");
    if (to === undefined || (name === "content" && !raw.includes("://"))) return whole;
    return `${name}="${escapeAttr(to)}"`;
  });
  return rewriteCss(attrs, ctx);
}

/** url(/...) in a stylesheet (fonts, images), relative to the stylesheet's own key. */
export function rewriteCss(css: string, ctx: LinkContext): string {
  return css.replace(/url\((["']?)(\/[^)"']*)\1\)/g, (whole, quote: string, value: string) => {
    const to = target(value, ctx, false);
    return to === undefined ? whole : `url(${quote}${to}${quote})`;
  });
}

/** Absolute links to the app in feeds, calendars and JSON: to the published copy when its address is known. */
export function rewriteAbsolute(text: string, ctx: LinkContext): string {
  if (!ctx.baseUrl) return text;
  let out = text;
  for (const origin of ctx.origins) {
    const escaped = origin.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    out = out.replace(new RegExp(`${escaped}(/[^\\s"'<>\\\\]*)?`, "g"), (whole, rest: string | undefined) => {
      const href = rest ?? "/";
      const appHref = href.replace(/&amp;/g, "&");
      const hashAt = appHref.indexOf("#");
      const bare = hashAt >= 0 ? appHref.slice(0, hashAt) : appHref;
      const key = ctx.keys.get(normalizeUrl(bare));
      return key ? `${ctx.baseUrl}/${key}${hashAt >= 0 ? appHref.slice(hashAt) : ""}` : whole;
    });
  }
  return out;
}

/** The language a fetched HTML page says it is in (`<html lang>`), so its notice is in the same one. */
export function htmlLocale(html: string): Locale {
  const lang = /<html\b[^>]*?\slang="([^"]*)"/i.exec(html.slice(0, 2000))?.[1];
  return lang && isLocale(lang) ? lang : DEFAULT_LOCALE;
}

const escapeText = (v: string) => v.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The line every published HTML page carries: when this copy was made, and where the live forms are. */
export function publishedNotice(at: number, origin: string, locale: Locale = DEFAULT_LOCALE): string {
  const iso = new Date(at).toISOString();
  const shown = `${formatter(locale, "UTC").dateTime(at, { dateStyle: "medium", timeStyle: "short" })} UTC`;
  // The sentence is translated with markers for its two pieces of markup, escaped, then the markup goes in.
  const sentence = escapeText(translator(locale, "publish")("notice", { time: "\u0001", origin: "\u0002" }));
  const time = `<time datetime="${iso}">${escapeText(shown)}</time>`;
  const link = `<a class="underline" href="${escapeAttr(origin)}">${escapeText(origin)}</a>`;
  return `<p class="mt-4" data-published-at="${iso}">${sentence.replace("\u0001", time).replace("\u0002", link)}</p>`;
}

/** Puts the notice at the end of the page's footer (or its body, for pages without one). */
export function stampHtml(html: string, notice: string): string {
  for (const close of ["</footer>", "</body>"]) {
    const at = html.lastIndexOf(close);
    if (at >= 0) return `${html.slice(0, at)}${notice}${html.slice(at)}`;
  }
  return html + notice;
}

/**
 * Why this page must not be published, or undefined when it may be: the one place that says what is
 * publishable. A private page is never copied to a place anyone can read. A mixed page publishes its public
 * part: the publisher reads the anonymous view, and refuses any answer marked private (an internal copy:
 * services/publish/http-fetcher.ts), so nothing internal is written even if the allow-list covers it.
 */
export function publishRefusal(page: { visibility?: unknown } & Record<string, unknown>): string | undefined {
  const visibility = page.visibility;
  if (visibility === undefined || visibility === null || visibility === "public" || visibility === "mixed")
    return undefined;
  return `The page is ${String(visibility)}, not public: a published copy would be readable by anyone, so it is not published.`;
}
