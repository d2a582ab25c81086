import type { Metadata } from "next";
import Link from "next/link";
import { mailMode } from "@/services/mail/send";
import { ForgotForm } from "./forgot-form";

export const metadata: Metadata = { title: "Forgot your password?" };

export default function ForgotPasswordPage() {
  return (
    <main className="mx-auto flex min-h-dvh max-w-sm flex-col justify-center px-4 py-12">
      <h1 className="text-2xl font-bold">Forgot your password?</h1>
      <p className="mt-2 text-slate-700 dark:text-slate-300">
        Enter the email you sign in with. We send a link to choose a new password.
      </p>
      {mailMode() === "local" && (
        // Said to everyone alike: it is about this server, not about any account.
        <p className="mt-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100">
          This server does not send email (no RESEND_API_KEY), so no link will arrive. An owner with access to the
          server can run <code className="break-all">npm run admin -- reset-password --email &lt;address&gt;</code>.
        </p>
      )}
      <ForgotForm />
      <Link href="/login" className="mt-6 font-medium underline">
        Back to sign in
      </Link>
    </main>
  );
}
