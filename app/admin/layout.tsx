import type { Metadata } from "next";
import Link from "next/link";
import { USER_ROLE_LABELS } from "@/db/constants";
import { requireUser } from "@/services/auth/dal";
import { hasRole } from "@/services/auth/roles";
import { CONSOLE_ICONS } from "@/services/console/favicon";
import { NavLinks, type NavItem } from "./nav";
import { signOutAction } from "./session-actions";
import { Button } from "@/components/ui/button";

export const metadata: Metadata = { title: { default: "Console", template: "%s · Console" }, icons: CONSOLE_ICONS };

const ADMIN_ITEMS: NavItem[] = [
  { href: "/admin/services", label: "Services" },
  { href: "/admin/subscribers", label: "Subscribers" },
  { href: "/admin/settings", label: "Page settings" },
  { href: "/admin/team", label: "Team" },
  { href: "/admin/mail", label: "Sent mail" },
  { href: "/admin/webhooks", label: "Webhooks" },
  { href: "/admin/chat", label: "Chat channels" },
  { href: "/admin/audit", label: "Audit log" },
  { href: "/admin/audience", label: "Audience" },
];

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser("editor", { allowWithoutTwoFactor: true });
  const items: NavItem[] = [
    { href: "/admin", label: "Overview" },
    { href: "/admin/incidents", label: "Incidents" },
    { href: "/admin/maintenance", label: "Maintenance" },
    { href: "/admin/monitors", label: "Monitors" },
    { href: "/admin/integrations", label: "Integrations" },
    { href: "/admin/reports", label: "Visitor reports" },
    { href: "/admin/report", label: "Service report" },
    ...(hasRole(user.role, "admin") ? ADMIN_ITEMS : []),
    ...(user.role === "owner" ? [{ href: "/admin/api-keys", label: "API keys" }] : []),
    { href: "/admin/account", label: "Your account" },
  ];
  const nav = (
    <>
      <NavLinks items={items} />
      <div className="mt-6 border-t border-slate-300 pt-4 text-sm dark:border-slate-700">
        <p className="truncate font-medium">{user.email}</p>
        <p className="text-slate-600 dark:text-slate-400">{USER_ROLE_LABELS[user.role]}</p>
        <form action={signOutAction} className="mt-3">
          <Button type="submit" variant="secondary">
            Sign out
          </Button>
        </form>
      </div>
    </>
  );
  return (
    <div className="min-h-dvh md:flex">
      <a
        href="#console-main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:rounded focus:bg-white focus:px-3 focus:py-2 dark:focus:bg-slate-900"
      >
        Skip to content
      </a>
      {/* Phone: a disclosure at the top that works without JavaScript. */}
      <header className="border-b border-slate-300 bg-slate-100 px-4 py-3 md:hidden dark:border-slate-700 dark:bg-slate-900">
        <details>
          <summary className="flex cursor-pointer items-center justify-between font-semibold">
            <span>Status console</span>
            <span className="rounded-md border border-slate-400 px-3 py-1 text-sm dark:border-slate-600">Menu</span>
          </summary>
          <nav aria-label="Console" className="mt-3">
            {nav}
          </nav>
        </details>
      </header>
      <aside className="hidden w-64 shrink-0 border-r border-slate-300 bg-slate-100 p-4 md:block dark:border-slate-700 dark:bg-slate-900">
        <p className="mb-4 px-3 font-semibold">
          <Link href="/" className="hover:underline">
            Status console
          </Link>
        </p>
        <nav aria-label="Console">{nav}</nav>
      </aside>
      <main id="console-main" className="min-w-0 flex-1 px-4 py-6 md:px-8">
        {children}
      </main>
    </div>
  );
}
