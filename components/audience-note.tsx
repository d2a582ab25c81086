// On a mixed or private page: the public part says how staff see the rest; the internal copy says it is the
// internal view and offers sign-out. Nothing personal: the page cache keeps one copy per audience.
import Link from "next/link";
import type { Audience, PageVisibility } from "@/db/constants";
import { hrefIn, type PageLanguage } from "@/core/i18n/paths";
import { translator } from "@/core/i18n/translate";

export function AudienceNote({
  audience,
  visibility,
  lang,
}: {
  audience: Audience;
  visibility: PageVisibility;
  lang: PageLanguage;
}) {
  if (visibility === "public") return null;
  const t = translator(lang.locale, "page");
  if (audience === "public")
    return (
      <p className="mb-4 text-sm">
        <Link href={hrefIn(lang, "/sign-in")} className="font-medium text-blue-700 underline dark:text-blue-300">
          {t("staffSignIn")}
        </Link>
      </p>
    );
  return (
    <form method="post" action="/sign-in/out" className="mb-4 flex flex-wrap items-center gap-2 text-sm">
      <span className="rounded bg-amber-100 px-2 py-0.5 font-medium text-amber-900 dark:bg-amber-900 dark:text-amber-100">
        {t("internalView")}
      </span>
      <button type="submit" className="font-medium text-blue-700 underline dark:text-blue-300">
        {t("signOut")}
      </button>
    </form>
  );
}
