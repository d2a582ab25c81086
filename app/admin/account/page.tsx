import type { Metadata } from "next";
import { owesTwoFactorSetup, requireUser } from "@/services/auth/dal";
import { PasswordForm } from "./password-form";
import { TwoFactorDisable, TwoFactorSetup } from "./two-factor-forms";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const user = await requireUser("editor", { allowWithoutTwoFactor: true });
  return (
    <div className="max-w-3xl">
      <h1 className="text-2xl font-bold">Your account</h1>
      <p className="mt-2 text-slate-700 dark:text-slate-300">{user.email}</p>
      {owesTwoFactorSetup(user) && (
        <p
          role="alert"
          className="mt-4 rounded-md bg-amber-50 px-3 py-2 font-medium text-amber-900 dark:bg-amber-950 dark:text-amber-200"
        >
          An owner requires two-factor sign-in for everyone. Set it up below to use the console.
        </p>
      )}
      <section aria-labelledby="two-factor-heading" className="mt-8">
        <h2 id="two-factor-heading" className="text-lg font-semibold">
          Two-factor sign-in
        </h2>
        <p className="text-sm text-slate-700 dark:text-slate-300">
          {user.totpEnabledAt
            ? "On: signing in asks for a code from your authenticator app."
            : "Off. With it on, signing in also asks for a code from an authenticator app (any app that supports TOTP)."}
        </p>
        {user.totpEnabledAt ? <TwoFactorDisable /> : <TwoFactorSetup />}
      </section>
      <section aria-labelledby="password-heading" className="mt-10">
        <h2 id="password-heading" className="text-lg font-semibold">
          Change your password
        </h2>
        <p className="text-sm text-slate-700 dark:text-slate-300">
          Every other browser signed in as you is signed out.
        </p>
        <PasswordForm />
      </section>
    </div>
  );
}
