// The one rule for links in what subscribers receive (emails, chat messages, SMS short links): they lead to
// the page in the reader's language, so a German subscriber lands on the German page. Only paths that have
// language versions (paths.ts) gain a prefix, and only for a language other than the page's default; token
// pages (manage, unsubscribe, confirm), the console and the API stay as they are.
import type { Locale } from "./locales";
import { isLocalizedPath, localizePath } from "./paths";

export interface MessageLanguage {
  /** The reader's language. */
  locale: Locale;
  /** The page's default language: its URLs are unprefixed. */
  defaultLocale: Locale;
}

/** `https://status.example.org` + German + `/incidents/abc` -> `https://status.example.org/de/incidents/abc`. */
export function messageUrl(base: string, lang: MessageLanguage, path: string): string {
  const root = base.replace(/\/+$/, "");
  const pathname = path.split(/[?#]/, 1)[0];
  return `${root}${isLocalizedPath(pathname) ? localizePath(path, lang.locale, lang.defaultLocale) : path}`;
}
