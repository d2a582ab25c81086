import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db";
import { INCIDENT_STATUS_LABELS } from "@/db/constants";
import { listMaintenances, type ConsoleMaintenanceRow } from "@/db/queries/console-maintenance";
import { getThePage } from "@/db/queries/settings";
import { requireUser } from "@/services/auth/dal";
import { formatInZone } from "@/services/console/incident-display";

export const metadata: Metadata = { title: "Maintenance" };

const primary =
  "rounded-md bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 dark:bg-blue-600 dark:hover:bg-blue-500";

function MaintenanceList({
  id,
  title,
  rows,
  empty,
  timeZone,
}: {
  id: string;
  title: string;
  rows: ConsoleMaintenanceRow[];
  empty: string;
  timeZone: string;
}) {
  return (
    <section aria-labelledby={id} className="mt-8">
      <h2 id={id} className="text-xl font-semibold">
        {title}
      </h2>
      {rows.length === 0 ? (
        <p className="mt-2 text-slate-700 dark:text-slate-300">{empty}</p>
      ) : (
        <ul className="mt-3 space-y-3">
          {rows.map((m) => (
            <li key={m.id} className="rounded-lg border border-slate-300 p-4 dark:border-slate-700">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <Link
                  href={`/admin/maintenance/${m.id}`}
                  className="text-lg font-semibold underline-offset-2 hover:underline"
                >
                  {m.name}
                </Link>
                <span className="text-sm font-medium">{INCIDENT_STATUS_LABELS[m.status]}</span>
              </div>
              {m.scheduledFor !== null && m.scheduledUntil !== null && (
                <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
                  {formatInZone(m.scheduledFor, timeZone)} to {formatInZone(m.scheduledUntil, timeZone)}
                  {m.autoStart || m.autoComplete
                    ? ` · automatic ${[m.autoStart && "start", m.autoComplete && "completion"].filter(Boolean).join(" and ")}`
                    : ""}
                  {m.backfilled ? " · backfilled" : ""}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export default async function MaintenancePage() {
  await requireUser("editor");
  const db = getDb();
  const page = getThePage(db);
  const lists = listMaintenances(db, page.id);
  return (
    <div className="max-w-4xl">
      <h1 className="text-2xl font-bold">Maintenance</h1>
      <p className="mt-1 text-slate-700 dark:text-slate-300">Times are in the page’s time zone, {page.timeZone}.</p>
      <div className="mt-4 flex flex-wrap items-center gap-4">
        <Link href="/admin/maintenance/new" className={primary}>
          Schedule maintenance
        </Link>
        <Link href="/admin/maintenance/recurring" className="font-medium underline">
          Recurring maintenance
        </Link>
      </div>
      <MaintenanceList
        id="in-progress"
        title="In progress"
        rows={lists.inProgress}
        empty="Nothing in progress."
        timeZone={page.timeZone}
      />
      <MaintenanceList
        id="upcoming"
        title="Upcoming"
        rows={lists.upcoming}
        empty="Nothing scheduled."
        timeZone={page.timeZone}
      />
      <MaintenanceList id="past" title="Past" rows={lists.past} empty="No past maintenance." timeZone={page.timeZone} />
    </div>
  );
}
