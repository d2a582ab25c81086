// The history page's service filter as plain links, not a form: a static copy (services/publish) has no server
// to answer `?component=`, but it does have a page per service (core/publish-paths.ts names it
// history--component-<id>.html and rewrites these links to it). Links also work without JavaScript.
import Link from "next/link";
import type { Locale } from "@/core/i18n/locales";
import { translator } from "@/core/i18n/translate";

export interface HistoryFilterProps {
  locale: Locale;
  services: { id: string; name: string }[];
  /** The service shown, or none for all services. */
  selectedId?: string;
  /** The history page's path in this language ("/history", or with a language prefix). */
  basePath?: string;
}

const chip =
  "inline-block max-w-full break-words rounded-md border px-3 py-1.5 text-sm underline-offset-2 hover:underline " +
  "focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2";
const idle = "border-slate-300 text-slate-800 dark:border-slate-600 dark:text-slate-200";
const current =
  "border-slate-900 bg-slate-900 font-semibold text-white dark:border-slate-100 dark:bg-slate-100 dark:text-slate-900";

export function HistoryFilter({ locale, services, selectedId, basePath = "/history" }: HistoryFilterProps) {
  if (services.length === 0) return null;
  const t = translator(locale, "historyFilter");
  const options = [{ id: undefined, name: t("allServices") }, ...services];
  return (
    <nav aria-labelledby="history-filter-label" className="mt-4">
      <p id="history-filter-label" className="text-sm font-medium">
        {t("label")}
      </p>
      <ul className="mt-1 flex flex-wrap gap-2">
        {options.map((s) => {
          const chosen = s.id === selectedId;
          return (
            <li key={s.id ?? ""} className="max-w-full">
              <Link
                href={s.id ? `${basePath}?component=${encodeURIComponent(s.id)}` : basePath}
                aria-current={chosen ? "page" : undefined}
                className={`${chip} ${chosen ? current : idle}`}
                prefetch={false}
              >
                {s.name}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
