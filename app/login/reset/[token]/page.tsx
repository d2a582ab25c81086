import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { openPasswordReset } from "@/services/auth/password-reset";
import { ResetForm } from "./reset-form";

// The token is in the address: never send it on to another site.
export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const reset = openPasswordReset(getDb(), token);
  if (!reset) notFound();
  return (
    <main className="mx-auto flex min-h-dvh max-w-sm flex-col justify-center px-4 py-12">
      <h1 className="text-2xl font-bold">Choose a new password</h1>
      <p className="mt-2 text-slate-700 dark:text-slate-300">
        For {reset.email}. Setting it signs you out everywhere; then sign in with the new password.
      </p>
      <ResetForm token={token} email={reset.email} />
    </main>
  );
}
