import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db";
import { ImpactBadge } from "@/components/incident-parts";
import { INCIDENT_STATUS_LABELS } from "@/db/constants";
import {
  listOpenIncidents,
  searchIncidentHistory,
  type ConsoleIncidentRow,
  type OpenIncidentRow,
} from "@/db/queries/console-incidents";
import { getThePage } from "@/db/queries/settings";
import { requireUser } from "@/services/auth/dal";
import { formatInZone, pickerGroups } from "@/services/console/incident-display";
import { parseHistoryQuery } from "@/services/console/incident-history";
import { countOf } from "@/core/format";
import { HistoryFilterForm, HistoryPager } from "./history";

export const metadata: Metadata = { title: "Incidents" };

const primary =
  "rounded-md bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 dark:bg-blue-600 dark:hover:bg-blue-500";

function IncidentRow({ incident, timeZone }: { incident: ConsoleIncidentRow | OpenIncidentRow; timeZone: string }) {
  return (
    <li className="rounded-lg border border-slate-300 p-4 dark:border-slate-700">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <Link
          href={`/admin/incidents/${incident.id}`}
          className="text-lg font-semibold underline-offset-2 hover:underline"
        >
          {incident.name}
        </Link>
        <span className="text-sm font-medium">{INCIDENT_STATUS_LABELS[incident.status]}</span>
      </div>
      <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
        Started {formatInZone(incident.startedAt, timeZone)} · <ImpactBadge impact={incident.impact} />
        {incident.backfilled ? " · backfilled" : ""}
      </p>
      {"stale" in incident && incident.stale && (
        <p className="mt-2 inline-block rounded-md bg-amber-100 px-2 py-1 text-sm font-semibold text-amber-900 dark:bg-amber-900 dark:text-amber-100">
          No update for {countOf(incident.quietMinutes, "minute")}
        </p>
      )}
    </li>
  );
}

export default async function IncidentsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireUser("editor");
  const db = getDb();
  const page = getThePage(db);
  const open = listOpenIncidents(db, page);
  const groups = pickerGroups(db, page.id);
  const query = parseHistoryQuery(
    await searchParams,
    page.timeZone,
    new Set(groups.flatMap((g) => g.services.map((s) => s.id))),
  );
  const history = searchIncidentHistory(db, page.id, query.filter, query.page);
  return (
    <div className="max-w-4xl">
      <h1 className="text-2xl font-bold">Incidents</h1>
      <div className="mt-4 flex flex-wrap items-center gap-4">
        <Link href="/admin/incidents/new" className={primary}>
          Declare incident
        </Link>
        <Link href="/admin/incidents/templates" className="font-medium underline">
          Templates
        </Link>
      </div>
      <section aria-labelledby="open-title" className="mt-8">
        <h2 id="open-title" className="text-xl font-semibold">
          Open
        </h2>
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
      <section aria-labelledby="history-title" className="mt-8">
        <h2 id="history-title" className="text-xl font-semibold">
          History
        </h2>
        <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
          All incidents, newest first. Dates are in the page’s time zone, {page.timeZone}.
        </p>
        <HistoryFilterForm query={query} groups={groups} />
        {history.rows.length === 0 ? (
          <p className="mt-4 text-slate-700 dark:text-slate-300">
            {Object.keys(query.filter).length
              ? "No incidents match these filters. Clear them to see everything."
              : "No incidents yet. Declare one when something goes wrong."}
          </p>
        ) : (
          <ul className="mt-4 space-y-3">
            {history.rows.map((i) => (
              <IncidentRow key={i.id} incident={i} timeZone={page.timeZone} />
            ))}
          </ul>
        )}
        <HistoryPager query={query} total={history.total} />
      </section>
    </div>
  );
}
