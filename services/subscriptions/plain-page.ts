// The frame of the subscription pages that route handlers serve as plain HTML (unsubscribe, confirm): they
// must answer POSTs and choose their status code (404, 410), which a Next page cannot. They look like the
// status page: its fonts and colours (the values Tailwind's build writes for the body's slate-900 and
// slate-100; e2e/public-forms.spec.ts compares them with the status page's), dark mode, a header
// and a link back, a main landmark with one h1. Self-contained and escaped.

import { DEFAULT_LOCALE, LOCALE_NAMES, LOCALES, localeDir, type Locale } from "@/core/i18n/locales";
import { languageAlternates, localizePath } from "@/core/i18n/paths";
import { translator } from "@/core/i18n/translate";

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Only a #rrggbb colour from the settings reaches the CSS. */
const safeColour = (accent: string) => (/^#[0-9a-f]{6}$/i.test(accent) ? accent : "#1d4ed8");

const css = (accent: string) => `:root{color-scheme:light dark}
body{margin:0;background:#fff;color:lab(7.78673 1.82345 -15.0537);font-family:ui-sans-serif,system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;line-height:1.5;-webkit-font-smoothing:antialiased}
.frame{max-width:56rem;margin:0 auto;padding:1.5rem 1rem}
header{margin-bottom:2rem;display:flex;flex-wrap:wrap;gap:.75rem;align-items:center;justify-content:space-between}
.languages{position:relative;font-size:.875rem}
.languages summary{cursor:pointer;border:1px solid #cbd5e1;border-radius:.375rem;padding:.5rem .75rem;font-weight:500}
.languages ul{position:absolute;inset-inline-end:0;z-index:10;margin:.25rem 0 0;padding:.25rem 0;list-style:none;min-width:12rem;background:#fff;border:1px solid #cbd5e1;border-radius:.375rem}
.languages li a{display:block;padding:.375rem .75rem}
.languages a[aria-current]{font-weight:600}
header>a{font-size:1.5rem;font-weight:700;letter-spacing:-.025em;color:inherit;text-decoration:none}
header>a:hover{text-decoration:underline}
main{max-width:36rem;margin:0 auto;overflow-wrap:anywhere}
h1{font-size:1.5rem;line-height:2rem;font-weight:700;margin:0 0 .5rem}
p{margin:.5rem 0}
a{color:oklch(48.8% 0.243 264.376);text-underline-offset:2px}
.back{margin-top:2rem;font-weight:500}
button{background:${accent};color:#fff;border:0;border-radius:.375rem;padding:.5rem 1rem;font:inherit;font-weight:500;cursor:pointer;margin-top:1rem}
:focus-visible{outline:3px solid oklch(62.3% 0.214 259.815);outline-offset:2px}
@media (prefers-color-scheme:dark){body{background:#0b1120;color:lab(96.286 -0.852436 -2.46847)}.languages ul{background:#0f172a;border-color:#475569}.languages summary{border-color:#475569}a{color:oklch(70.7% 0.165 254.624)}}`;

export interface PlainPage {
  /** The page's name, for the header's link home; "status page" in the reader's language when not known. */
  pageName?: string;
  accent?: string;
  title: string;
  /** The contents of <main> after the h1, already escaped. */
  body: string;
  /** The reader's language: `lang`, `dir` and the link back (absent: the default language). */
  locale?: Locale;
  /** The page's default language, whose URLs have no prefix (absent: the default language). */
  defaultLocale?: Locale;
  /**
   * For a page with a URL per language (core/i18n/paths.ts): its path without the prefix. The page then
   * names its other languages (hreflang) and has the language menu, and its links home keep the language.
   */
  path?: string;
}

/** The language menu of the status page (components/language-menu.tsx) as plain HTML: a <details> of links. */
function languageMenu(path: string, locale: Locale, defaultLocale: Locale): string {
  const label = escapeHtml(translator(locale, "page")("languageMenu"));
  const items = LOCALES.map(
    (l) =>
      `<li><a href="${escapeHtml(localizePath(path, l, defaultLocale))}" hreflang="${l}" lang="${l}"${l === locale ? ' aria-current="true"' : ""}>${escapeHtml(LOCALE_NAMES[l])}</a></li>`,
  ).join("");
  return `<details class="languages"><summary>${label}: <span lang="${locale}">${escapeHtml(LOCALE_NAMES[locale])}</span></summary><nav aria-label="${label}"><ul>${items}</ul></nav></details>`;
}

export function plainPage({
  pageName,
  accent = "#1d4ed8",
  title,
  body,
  locale = DEFAULT_LOCALE,
  defaultLocale = DEFAULT_LOCALE,
  path,
}: PlainPage): string {
  const home = escapeHtml(pageName || translator(locale, "common")("statusPage"));
  const back = escapeHtml(translator(locale, "manage")("back"));
  const homeHref = path === undefined ? "/" : escapeHtml(localizePath("/", locale, defaultLocale));
  const alternates =
    path === undefined
      ? ""
      : languageAlternates(path, defaultLocale)
          .map((a) => `<link rel="alternate" hreflang="${a.hrefLang}" href="${escapeHtml(a.href)}">`)
          .join("");
  const menu = path === undefined ? "" : languageMenu(path, locale, defaultLocale);
  return `<!doctype html><html lang="${locale}" dir="${localeDir(locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><meta name="color-scheme" content="light dark"><title>${escapeHtml(title)}</title>${alternates}
<style>${css(safeColour(accent))}</style></head><body><div class="frame"><header><a href="${homeHref}">${home}</a>${menu}</header><main id="main"><h1>${escapeHtml(title)}</h1>${body}<p class="back"><a href="${homeHref}">${back}</a></p></main></div></body></html>`;
}

/** A plain page as a response: never cached (it is personal), and the token in its URL is not passed on. */
export function htmlResponse(html: string, status = 200): Response {
  return new Response(html, {
    status,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      "Referrer-Policy": "no-referrer",
    },
  });
}
