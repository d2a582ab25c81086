import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth/dal";
import { hasRole } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Overview" };

export default async function AdminHome() {
  const user = await requireUser("editor");
  return (
    <div className="max-w-3xl">
      <h1 className="text-2xl font-bold">Console</h1>
      <p className="mt-2 text-slate-700 dark:text-slate-300">Signed in as {user.email}.</p>
      <ul className="mt-6 grid gap-4 sm:grid-cols-2">
        {hasRole(user.role, "admin") && (
          <>
            <Card href="/admin/services" title="Services">Add services and groups, set a status by hand, change their order.</Card>
            <Card href="/admin/settings" title="Page settings">Name, address, time zone, logo and colours of the public page.</Card>
            <Card href="/admin/team" title="Team">Invite people and choose what each may do.</Card>
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
