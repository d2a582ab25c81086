import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth/dal";
import { hasRole } from "@/lib/auth/roles";
import { mailMode } from "@/lib/mail/send";

export const metadata: Metadata = { title: "Overview" };

export default async function AdminHome() {
  const user = await requireUser("editor");
  const mode = mailMode();
  return (
    <div className="max-w-3xl">
      <h1 className="text-2xl font-bold">Console</h1>
      <p className="mt-2 text-slate-700 dark:text-slate-300">Signed in as {user.email}.</p>
      <p className="mt-2 text-sm" data-testid="mail-mode">
        <span className={`mr-2 inline-block h-2.5 w-2.5 rounded-full ${mode === "resend" ? "bg-green-600" : "bg-amber-500"}`} aria-hidden="true" />
        {mode === "resend" ? "Email: sent through Resend." : "Email: kept in the local outbox, nothing is sent (no RESEND_API_KEY)."}
      </p>
      <ul className="mt-6 grid gap-4 sm:grid-cols-2">
        {hasRole(user.role, "admin") && (
          <>
            <Card href="/admin/services" title="Services">Add services and groups, set a status by hand, change their order.</Card>
            <Card href="/admin/settings" title="Page settings">Name, address, time zone, logo and colours of the public page.</Card>
            <Card href="/admin/team" title="Team">Invite people and choose what each may do.</Card>
            <Card href="/admin/mail" title="Sent mail">Every email sent, its delivery state, and each notification&apos;s progress.</Card>
            <Card href="/admin/audit" title="Audit log">Who did what, and when.</Card>
          </>
        )}
        <Card href="/admin/account" title="Your account">Password and two-factor sign-in.</Card>
        <Card href="/" title="Public page">See what visitors see.</Card>
      </ul>
    </div>
  );
}

function Card({ href, title, children }: { href: string; title: string; children: React.ReactNode }) {
  return (
    <li>
      <Link href={href} className="block h-full rounded-lg border border-slate-300 p-4 hover:border-blue-600 dark:border-slate-700 dark:hover:border-blue-400">
        <span className="font-semibold">{title}</span>
        <span className="mt-1 block text-sm text-slate-700 dark:text-slate-300">{children}</span>
      </Link>
    </li>
  );
}
