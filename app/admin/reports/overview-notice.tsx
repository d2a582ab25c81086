// The top of the console overview while visitors report one service again and again (a spike not acted on).
import Link from "next/link";
import type { Db } from "@/db";
import { unattendedSpikes } from "@/db/queries/visitor-reports";
import { formatInZone } from "@/services/console/incident-display";

export function ReportSpikeNotice({ db, pageId, zone }: { db: Db; pageId: string; zone: string }) {
  const spikes = unattendedSpikes(db, pageId);
  if (spikes.length === 0) return null;
  return (
    <section aria-labelledby="spike-title" className="mt-6 rounded-lg border-2 border-red-600 p-4 dark:border-red-400">
      <h2 id="spike-title" className="text-lg font-semibold">
        Visitors report a problem
      </h2>
      <ul className="mt-2 space-y-1 text-sm">
        {spikes.map((s) => (
          <li key={s.id}>
            <Link href="/admin/reports" className="font-medium underline">
              {s.componentName}
            </Link>
            : {s.reportCount} reports since {formatInZone(s.startedAt, zone)}
          </li>
        ))}
      </ul>
    </section>
  );
}
