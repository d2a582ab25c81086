import { LOCALE_NAMES, LOCALES } from "@/core/i18n/locales";
import { localizePath, type PageLanguage } from "@/core/i18n/paths";
import { translator } from "@/core/i18n/translate";

/**
 * The same page in every language: plain links in a <details>, so it opens by keyboard and without
 * JavaScript, and each language's URL is an ordinary cacheable page (core/i18n/paths.ts). Each name is
 * written in its own language (and marked so), since a reader looking for theirs may not read the current one.
 */
export function LanguageMenu({ lang }: { lang: PageLanguage }) {
  const t = translator(lang.locale, "page");
  return (
    <details className="relative text-sm" data-language-menu="">
      <summary className="cursor-pointer list-none rounded-md border border-slate-300 px-3 py-2 font-medium hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800 [&::-webkit-details-marker]:hidden">
        <svg
          viewBox="0 0 20 20"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.5"
          aria-hidden
          className="me-1.5 inline size-4 align-[-3px]"
        >
          <circle cx="10" cy="10" r="8" />
          <path d="M2 10h16M10 2c2.5 2.2 3.5 5 3.5 8s-1 5.8-3.5 8c-2.5-2.2-3.5-5-3.5-8s1-5.8 3.5-8Z" />
        </svg>
        {t("languageMenu")}: <span lang={lang.locale}>{LOCALE_NAMES[lang.locale]}</span>
      </summary>
      <nav aria-label={t("languageMenu")}>
        <ul className="absolute end-0 z-10 mt-1 min-w-48 rounded-md border border-slate-300 bg-white py-1 shadow-lg dark:border-slate-600 dark:bg-slate-900">
          {LOCALES.map((locale) => (
            <li key={locale}>
              <a
                href={localizePath(lang.path, locale, lang.defaultLocale)}
                hrefLang={locale}
                lang={locale}
                aria-current={locale === lang.locale ? "true" : undefined}
                className="block px-3 py-1.5 hover:bg-slate-100 aria-[current]:font-semibold dark:hover:bg-slate-800"
              >
                {LOCALE_NAMES[locale]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </details>
  );
}
