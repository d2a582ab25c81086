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

export const dynamic = "force-dynamic";
// The link's token sits in the address: it must not travel to another site in a Referer ("no-referrer" would
// also make the browser send "Origin: null" with the form, which the cross-site check refuses).
export const metadata: Metadata = { title: "Sign in to the internal status page", referrer: "same-origin" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const ERRORS: Record<string, string> = {
  link: "This sign-in link is no longer valid: it was used, or it expired. Ask for a new one.",
  email: "Enter a full email address, such as name@example.com.",
  throttled: "Too many sign-in links were asked for. Wait an hour and try again.",
};

const field =
  "mt-1 w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-slate-900 dark:border-slate-500 dark:bg-slate-900 dark:text-slate-100";

// Viewers (staff) sign in here for a private or mixed page; the console's sign-in is /login.
export default async function ViewerSignInPage({ searchParams }: Props) {
  const page = getPage(getDb());
  if (!page) notFound();
  if (page.visibility === "public")
    return (
      <main className="mx-auto flex min-h-dvh max-w-sm flex-col justify-center px-4 py-12">
        <h1 className="text-2xl font-bold">Nothing to sign in to</h1>
        <p className="mt-2 text-slate-700 dark:text-slate-300">
          The {page.name} status page is public: everyone sees all of it.
        </p>
        <Link href="/" className="mt-6 font-medium underline">
          Back to the status page
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
    ? ERRORS[code]
    : code.startsWith("oidc_") && Object.hasOwn(OIDC_REFUSALS, oidcCode)
      ? OIDC_REFUSALS[oidcCode as OidcRefusal]
      : undefined;
  const oidc = getConfig().viewerOidc;
  const emailAllowed = listOf(page.viewerEmailDomains).length > 0;

  return (
    <main className="mx-auto flex min-h-dvh max-w-sm flex-col justify-center px-4 py-12">
      <h1 className="text-2xl font-bold">Sign in to {page.name} status</h1>
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
          Sign in with {oidc.name}
        </a>
      )}
      {link ? (
        // A button, not the link itself: mail scanners open links, and the link works only once.
        <form method="post" action="/sign-in/confirm" className="mt-6">
          <input type="hidden" name="token" value={link} />
          <button type="submit" className={buttonClass("primary")}>
            Sign in
          </button>
        </form>
      ) : one(params.sent) ? (
        <p role="status" className="mt-4 text-slate-700 dark:text-slate-300">
          If that address may see the internal page, a sign-in link is on its way. It works once, for 15 minutes.
        </p>
      ) : emailAllowed ? (
        <>
          <p className="mt-2 text-slate-700 dark:text-slate-300">
            Enter your work email. We send a link that signs you in.
          </p>
          {mailMode() === "local" && (
            <p className="mt-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100">
              This server does not send email (no RESEND_API_KEY), so no link will arrive.
            </p>
          )}
          <form method="post" action="/sign-in/email" className="mt-6 space-y-4">
            <div>
              <label htmlFor="email" className="text-sm font-medium">
                Work email
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
              Email me a sign-in link
            </button>
          </form>
        </>
      ) : (
        <p className="mt-2 text-slate-700 dark:text-slate-300">
          Ask your IT team how to reach the internal page: from the office network it opens without signing in.
        </p>
      )}
      {page.visibility === "mixed" && (
        <Link href="/" className="mt-6 font-medium underline">
          Back to the public status page
        </Link>
      )}
    </main>
  );
}
