import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { getPage } from "@/db/queries/status-page";
import { listOf } from "@/core/audience";
import { getConfig } from "@/core/config";
import { mailMode } from "@/services/mail/send";
import { OIDC_REFUSALS, type OidcRefusal } from "@/services/viewers/oidc";
import { buttonClass } from "@/components/ui/button";
import { hrefIn } from "@/core/i18n/paths";
import { translator } from "@/core/i18n/translate";
import { publicLocale } from "@/services/i18n/request";

export const dynamic = "force-dynamic";
// The link's token sits in the address: it must not travel to another site in a Referer ("no-referrer" would
// also make the browser send "Origin: null" with the form, which the cross-site check refuses).
export async function generateMetadata(): Promise<Metadata> {
  return { title: translator((await publicLocale()).locale, "signIn")("metaTitle"), referrer: "same-origin" };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** ?error=<code> -> its message (namespace signIn). */
const ERRORS = { link: "errorLink", email: "errorEmail", throttled: "errorThrottled" } as const;

const field =
  "mt-1 w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-slate-900 dark:border-slate-500 dark:bg-slate-900 dark:text-slate-100";

// Viewers (staff) sign in here for a private or mixed page; the console's sign-in is /login.
export default async function ViewerSignInPage({ searchParams }: Props) {
  const page = getPage(getDb());
  if (!page) notFound();
  const lang = await publicLocale();
  const t = translator(lang.locale, "signIn");
  if (page.visibility === "public")
    return (
      <main className="mx-auto flex min-h-dvh max-w-sm flex-col justify-center px-4 py-12">
        <h1 className="text-2xl font-bold">{t("nothingTitle")}</h1>
        <p className="mt-2 text-slate-700 dark:text-slate-300">{t("nothingText", { page: page.name })}</p>
        <Link href={hrefIn(lang, "/")} className="mt-6 font-medium underline">
          {t("back")}
        </Link>
      </main>
    );
  const params = await searchParams;
  const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);
  const link = one(params.link);
  const code = one(params.error) ?? "";
  const oidcCode = code.replace(/^oidc_/, "");
  // Own keys only: "?error=constructor" must not reach an inherited property.
  const error = Object.hasOwn(ERRORS, code)
    ? t(ERRORS[code as keyof typeof ERRORS])
    : code.startsWith("oidc_") && Object.hasOwn(OIDC_REFUSALS, oidcCode)
      ? OIDC_REFUSALS[oidcCode as OidcRefusal]
      : undefined;
  const oidc = getConfig().viewerOidc;
  const emailAllowed = listOf(page.viewerEmailDomains).length > 0;

  return (
    <main className="mx-auto flex min-h-dvh max-w-sm flex-col justify-center px-4 py-12">
      <h1 className="text-2xl font-bold">{t("title", { page: page.name })}</h1>
      {error && (
        <p
          role="alert"
          className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-900 dark:bg-red-950 dark:text-red-100"
        >
          {error}
        </p>
      )}
      {oidc && !link && (
        <a href="/sign-in/oidc" className={`${buttonClass("primary")} mt-6 self-start`}>
          {t("withProvider", { provider: oidc.name })}
        </a>
      )}
      {link ? (
        // A button, not the link itself: mail scanners open links, and the link works only once.
        <form method="post" action="/sign-in/confirm" className="mt-6">
          <input type="hidden" name="token" value={link} />
          <button type="submit" className={buttonClass("primary")}>
            {t("signIn")}
          </button>
        </form>
      ) : one(params.sent) ? (
        <p role="status" className="mt-4 text-slate-700 dark:text-slate-300">
          {t("sent")}
        </p>
      ) : emailAllowed ? (
        <>
          <p className="mt-2 text-slate-700 dark:text-slate-300">{t("enterEmail")}</p>
          {mailMode() === "local" && (
            <p className="mt-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100">
              {t("noMail")}
            </p>
          )}
          <form method="post" action="/sign-in/email" className="mt-6 space-y-4">
            <div>
              <label htmlFor="email" className="text-sm font-medium">
                {t("workEmail")}
              </label>
              <input
                id="email"
                name="email"
                type="email"
                autoComplete="email"
                required
                maxLength={254}
                className={field}
              />
            </div>
            <button type="submit" className={buttonClass("primary")}>
              {t("emailMe")}
            </button>
          </form>
        </>
      ) : (
        <p className="mt-2 text-slate-700 dark:text-slate-300">{t("askIt")}</p>
      )}
      {page.visibility === "mixed" && (
        <Link href={hrefIn(lang, "/")} className="mt-6 font-medium underline">
          {t("backPublic")}
        </Link>
      )}
    </main>
  );
}
