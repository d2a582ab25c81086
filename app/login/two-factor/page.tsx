import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getSession } from "@/services/auth/dal";
import { TwoFactorForm } from "./two-factor-form";

export const metadata: Metadata = { title: "Two-factor sign-in" };

export default async function TwoFactorPage() {
  const session = await getSession();
  if (!session) redirect("/login");
  if (!session.pendingTwoFactor) redirect("/admin");
  return (
    <main className="mx-auto flex min-h-dvh max-w-sm flex-col justify-center px-4 py-12">
      <h1 className="text-2xl font-bold">Enter your code</h1>
      <p className="mt-2 text-slate-700 dark:text-slate-300">
        Open your authenticator app, or use one of your recovery codes.
      </p>
      <TwoFactorForm />
    </main>
  );
}
