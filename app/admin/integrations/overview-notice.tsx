// The top of the console overview while alerts fire: the team sees what its monitoring says before anyone
// writes it up (failing monitors are listed the same way, just above).
import Link from "next/link";
import type { Db } from "@/db";
import { allFiringAlerts } from "@/db/queries/integrations";
import { formatInZone } from "@/services/console/incident-display";

export function AlertOverviewNotice({ db, zone }: { db: Db; zone: string }) {
  const firing = allFiringAlerts(db);
  if (firing.length === 0) return null;
  return (
    <section aria-labelledby="alerts-title" className="mt-6 rounded-lg border-2 border-red-600 p-4 dark:border-red-400">
      <h2 id="alerts-title" className="text-lg font-semibold">
        {firing.length === 1 ? "1 alert is firing" : `${firing.length} alerts are firing`}
      </h2>
      <ul className="mt-2 space-y-1 text-sm">
        {firing.map((a) => (
          <li key={a.id}>
            <Link href={`/admin/integrations/${a.integrationId}`} className="font-medium underline">
              {a.integrationName}
            </Link>
            {`: ${a.serviceName}`}
            {a.summary ? ` (${a.summary})` : ""}
            {`, since ${formatInZone(a.since, zone)}`}
          </li>
        ))}
      </ul>
    </section>
  );
}
