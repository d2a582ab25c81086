import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db";
import { IMPACT_LABELS, INCIDENT_STATUS_LABELS } from "@/db/constants";
import { listOpenIncidents, listRecentIncidents, type ConsoleIncidentRow, type OpenIncidentRow } from "@/db/queries/console-incidents";
import { getThePage } from "@/db/queries/settings";
import { requireUser } from "@/lib/auth/dal";
import { formatInZone } from "@/lib/console/incident-display";

export const metadata: Metadata = { title: "Incidents" };

const primary = "rounded-md bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 dark:bg-blue-600 dark:hover:bg-blue-500";

function IncidentRow({ incident, timeZone }: { incident: ConsoleIncidentRow | OpenIncidentRow; timeZone: string }) {
  return (
    <li className="rounded-lg border border-slate-300 p-4 dark:border-slate-700">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <Link href={`/admin/incidents/${incident.id}`} className="text-lg font-semibold underline-offset-2 hover:underline">
          {incident.name}
        </Link>
        <span className="text-sm font-medium">{INCIDENT_STATUS_LABELS[incident.status]}</span>
      </div>
      <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
        Started {formatInZone(incident.startedAt, timeZone)} · {IMPACT_LABELS[incident.impact]} impact
        {incident.backfilled ? " · backfilled" : ""}
      </p>
      {"stale" in incident && incident.stale && (
        <p className="mt-2 inline-block rounded-md bg-amber-100 px-2 py-1 text-sm font-semibold text-amber-900 dark:bg-amber-900 dark:text-amber-100">
          No update for {incident.quietMinutes} minutes
        </p>
      )}
    </li>
  );
}

export default async function IncidentsPage() {
  await requireUser("editor");
  const db = getDb();
  const page = getThePage(db);
  const open = listOpenIncidents(db, page);
  const recent = listRecentIncidents(db, page.id);
  return (
    <div className="max-w-4xl">
      <h1 className="text-2xl font-bold">Incidents</h1>
      <div className="mt-4">
        <Link href="/admin/incidents/new" className={primary}>Declare incident</Link>
      </div>
      <section aria-labelledby="open-title" className="mt-8">
        <h2 id="open-title" className="text-xl font-semibold">Open</h2>
        {open.length === 0 ? (
          <p className="mt-2 text-slate-700 dark:text-slate-300">No open incidents.</p>
        ) : (
          <ul className="mt-3 space-y-3">
            {open.map((i) => (
              <IncidentRow key={i.id} incident={i} timeZone={page.timeZone} />
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="recent-title" className="mt-8">
        <h2 id="recent-title" className="text-xl font-semibold">Recently resolved</h2>
        {recent.length === 0 ? (
          <p className="mt-2 text-slate-700 dark:text-slate-300">Nothing resolved yet.</p>
        ) : (
          <ul className="mt-3 space-y-3">
            {recent.map((i) => (
              <IncidentRow key={i.id} incident={i} timeZone={page.timeZone} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
