import Link from "next/link";
import { hrefIn } from "@/core/i18n/paths";
import { translator } from "@/core/i18n/translate";
import { publicLocale } from "@/services/i18n/request";

// No database read: it also answers for unknown paths and must never fail itself. Its language is the URL's
// (`/de/gone` and the probe server.ts sends for it are German); without one, English.
export default async function NotFound() {
  const lang = await publicLocale();
  const t = translator(lang.locale, "page");
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-24 text-center">
      <p className="text-sm font-semibold text-slate-600 dark:text-slate-400">404</p>
      <h1 className="mt-2 text-2xl font-bold">{t("notFoundTitle")}</h1>
      <p className="mt-4 text-slate-700 dark:text-slate-300">{t("notFoundText")}</p>
      <p className="mt-8 flex flex-wrap justify-center gap-6 font-medium">
        <Link href={hrefIn(lang, "/")} className="text-blue-700 underline underline-offset-2 dark:text-blue-400">
          {t("backToPage")}
        </Link>
        <Link href={hrefIn(lang, "/history")} className="text-blue-700 underline underline-offset-2 dark:text-blue-400">
          {t("historyLink")}
        </Link>
      </p>
    </main>
  );
}
