import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/services/auth/dal";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

/** Notices another page sends here, by code: the text is ours, never taken from the address. */
const NOTICES: Record<string, string> = {
  "password-reset": "Your password was changed and every session signed out. Sign in with the new password.",
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ notice?: string | string[] }> }) {
  if (await getCurrentUser()) redirect("/admin");
  const code = (await searchParams).notice;
  const notice = typeof code === "string" ? NOTICES[code] : undefined;
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
      <SignInForm />
      <Link href="/login/forgot" className="mt-6 font-medium underline">
        Forgot your password?
      </Link>
    </main>
  );
}
