import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db";
import { INCIDENT_STATUS_LABELS } from "@/db/constants";
import { listOpenIncidents } from "@/db/queries/console-incidents";
import { listMaintenances } from "@/db/queries/console-maintenance";
import { getThePage } from "@/db/queries/settings";
import { getOverallStatus } from "@/db/queries/status-page";
import { requireUser } from "@/services/auth/dal";
import { formatInZone } from "@/services/console/incident-display";
import { hasRole } from "@/services/auth/roles";
import { countOf } from "@/core/format";
import { mailMode } from "@/services/mail/send";
import { AlertOverviewNotice } from "./integrations/overview-notice";
import { MonitorOverviewNotice } from "./monitors/overview-notice";
import { ReportSpikeNotice } from "./reports/overview-notice";
import { PublishOverviewNotice } from "./settings/publish-overview-notice";

export const metadata: Metadata = { title: "Overview" };

export default async function AdminHome() {
  const user = await requireUser("editor");
  const mode = mailMode();
  const db = getDb();
  const page = getThePage(db);
  const status = getOverallStatus(db, page.id, "internal");
  const open = listOpenIncidents(db, page);
  const stale = open.filter((i) => i.stale);
  const maintenance = listMaintenances(db, page.id, 0);
  const next = maintenance.upcoming[0];
  return (
    <div className="max-w-3xl">
      <h1 className="text-2xl font-bold">Console</h1>
      <p className="mt-2 text-slate-700 dark:text-slate-300">Signed in as {user.email}.</p>
      <ReportSpikeNotice db={db} pageId={page.id} zone={page.timeZone} />
      <MonitorOverviewNotice db={db} />
      <AlertOverviewNotice db={db} zone={page.timeZone} />
      <PublishOverviewNotice db={db} />
      <section
        aria-labelledby="now-title"
        className="mt-6 rounded-lg border border-slate-300 p-4 dark:border-slate-700"
      >
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="now-title" className="text-lg font-semibold">
            Right now: {status.description}
          </h2>
          <Link
            href="/admin/incidents/new"
            className="rounded-md bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 dark:bg-blue-600 dark:hover:bg-blue-500"
          >
            Declare incident
          </Link>
        </div>
        {stale.length > 0 && (
          <p
            role="alert"
            className="mt-3 rounded-md bg-amber-100 px-3 py-2 text-sm font-semibold text-amber-900 dark:bg-amber-900 dark:text-amber-100"
          >
            {stale.length === 1 ? "1 open incident has" : `${stale.length} open incidents have`} had no update for over{" "}
            {countOf(page.staleIncidentMinutes, "minute")}. Tell people where things stand.
          </p>
        )}
        <ul className="mt-3 space-y-1 text-sm">
          {open.length === 0 && <li>No open incidents.</li>}
          {open.map((i) => (
            <li key={i.id}>
              <Link href={`/admin/incidents/${i.id}`} className="font-medium underline">
                {i.name}
              </Link>{" "}
              · {INCIDENT_STATUS_LABELS[i.status]} · last update {countOf(i.quietMinutes, "minute")} ago
            </li>
          ))}
          {maintenance.inProgress.map((m) => (
            <li key={m.id}>
              Maintenance in progress:{" "}
              <Link href={`/admin/maintenance/${m.id}`} className="font-medium underline">
                {m.name}
              </Link>
              {m.scheduledUntil !== null && ` until ${formatInZone(m.scheduledUntil, page.timeZone)}`}
            </li>
          ))}
          {next && next.scheduledFor !== null && (
            <li>
              Next maintenance:{" "}
              <Link href={`/admin/maintenance/${next.id}`} className="font-medium underline">
                {next.name}
              </Link>{" "}
              at {formatInZone(next.scheduledFor, page.timeZone)}
            </li>
          )}
        </ul>
      </section>
      <p className="mt-2 text-sm" data-testid="mail-mode">
        <span
          className={`mr-2 inline-block h-2.5 w-2.5 rounded-full ${mode === "resend" ? "bg-green-600" : "bg-amber-500"}`}
          aria-hidden="true"
        />
        {mode === "resend"
          ? "Email: sent through Resend."
          : "Email: kept in the local outbox, nothing is sent (no RESEND_API_KEY)."}
      </p>
      <ul className="mt-6 grid gap-4 sm:grid-cols-2">
        <Card href="/admin/incidents" title="Incidents">
          Declare, update and resolve incidents; templates and history.
        </Card>
        <Card href="/admin/maintenance" title="Maintenance">
          Plan windows ahead, one-off or recurring.
        </Card>
        {hasRole(user.role, "admin") && (
          <>
            <Card href="/admin/services" title="Services">
              Add services and groups, set a status by hand, change their order.
            </Card>
            <Card href="/admin/settings" title="Page settings">
              Name, address, time zone, logo and colours of the public page.
            </Card>
            <Card href="/admin/team" title="Team">
              Invite people and choose what each may do.
            </Card>
            <Card href="/admin/subscribers" title="Subscribers">
              Who hears about incidents: add, import, export.
            </Card>
            <Card href="/admin/mail" title="Sent mail">
              Every email sent, its delivery state, and each notification&apos;s progress.
            </Card>
            <Card href="/admin/audit" title="Audit log">
              Who did what, and when.
            </Card>
          </>
        )}
        <Card href="/admin/account" title="Your account">
          Password and two-factor sign-in.
        </Card>
        <Card href="/" title="Public page">
          See what visitors see.
        </Card>
      </ul>
    </div>
  );
}

function Card({ href, title, children }: { href: string; title: string; children: React.ReactNode }) {
  return (
    <li>
      <Link
        href={href}
        className="block h-full rounded-lg border border-slate-300 p-4 hover:border-blue-600 dark:border-slate-700 dark:hover:border-blue-400"
      >
        <span className="font-semibold">{title}</span>
        <span className="mt-1 block text-sm text-slate-700 dark:text-slate-300">{children}</span>
      </Link>
    </li>
  );
}
