import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getConfig } from "@/core/config";
import { getCurrentUser } from "@/services/auth/dal";
import { SSO_REFUSALS, type SsoRefusal } from "@/services/auth/sso";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

/** Notices another page sends here, by code: the text is ours, never taken from the address. */
const NOTICES: Record<string, string> = {
  "password-reset": "Your password was changed and every session signed out. Sign in with the new password.",
};

const isSsoCode = (code: unknown): code is SsoRefusal => typeof code === "string" && Object.hasOwn(SSO_REFUSALS, code);

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ notice?: string | string[]; sso?: string | string[] }>;
}) {
  if (await getCurrentUser()) redirect("/admin");
  const params = await searchParams;
  const code = params.notice;
  const notice = typeof code === "string" ? NOTICES[code] : undefined;
  const sso = getConfig().consoleOidc;
  const ssoCode = isSsoCode(params.sso) ? params.sso : null;
  // Waiting for an owner is a state, not a failure: it gets its own page-level heading.
  const waiting = ssoCode === "no_mapping" || ssoCode === "pending";
  if (waiting)
    return (
      <main className="mx-auto flex min-h-dvh max-w-sm flex-col justify-center px-4 py-12">
        <h1 className="text-2xl font-bold">Waiting for approval</h1>
        <p role="status" className="mt-4 text-slate-700 dark:text-slate-300">
          {SSO_REFUSALS[ssoCode]}
        </p>
        <p className="mt-4 text-slate-700 dark:text-slate-300">
          An owner sees your request on the console&apos;s Team page and chooses your role.
        </p>
        <Link href="/login" className="mt-6 font-medium underline">
          Back to sign-in
        </Link>
      </main>
    );
  return (
    <main className="mx-auto flex min-h-dvh max-w-sm flex-col justify-center px-4 py-12">
      <h1 className="text-2xl font-bold">Sign in to the console</h1>
      <p className="mt-2 text-slate-700 dark:text-slate-300">For the people who run this status page.</p>
      {notice && (
        <p
          role="status"
          className="mt-4 rounded-md bg-green-50 px-3 py-2 text-sm font-medium text-green-800 dark:bg-green-950 dark:text-green-200"
        >
          {notice}
        </p>
      )}
      {ssoCode && (
        <p
          role="alert"
          className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm font-medium text-red-800 dark:bg-red-950 dark:text-red-200"
        >
          {SSO_REFUSALS[ssoCode]}
        </p>
      )}
      {sso && (
        <>
          {/* A plain link: the sign-in starts with a top-level GET, and works without JavaScript. */}
          <a
            href="/login/sso"
            className="mt-6 block rounded-md bg-slate-900 px-4 py-2 text-center font-semibold text-white hover:bg-slate-700 focus-visible:outline-2 focus-visible:outline-offset-2 dark:bg-slate-100 dark:text-slate-900 dark:hover:bg-slate-300"
          >
            Sign in with {sso.name}
          </a>
          <p className="mt-6 text-sm text-slate-600 dark:text-slate-400">Or with your email and password:</p>
        </>
      )}
      <SignInForm />
      <Link href="/login/forgot" className="mt-6 font-medium underline">
        Forgot your password?
      </Link>
    </main>
  );
}
