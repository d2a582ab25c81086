import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/dal";
import { PasswordForm } from "./password-form";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const user = await requireUser("editor");
  return (
    <div className="max-w-3xl">
      <h1 className="text-2xl font-bold">Your account</h1>
      <p className="mt-2 text-slate-700 dark:text-slate-300">{user.email}</p>
      <section aria-labelledby="password-heading" className="mt-8">
        <h2 id="password-heading" className="text-lg font-semibold">Change your password</h2>
        <p className="text-sm text-slate-700 dark:text-slate-300">Every other browser signed in as you is signed out.</p>
        <PasswordForm />
      </section>
    </div>
  );
}
