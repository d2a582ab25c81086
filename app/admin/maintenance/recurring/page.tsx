import type { Metadata } from "next";
import Link from "next/link";
import { DoneNotice } from "@/components/admin/done-notice";
import { getDb } from "@/db";
import { listRecurrences } from "@/db/queries/console-maintenance";
import { getThePage } from "@/db/queries/settings";
import { requireUser } from "@/services/auth/dal";
import { formatInZone } from "@/services/console/incident-display";
import { describeRecurrence } from "@/core/recurrence";

export const metadata: Metadata = { title: "Recurring maintenance" };

const primary =
  "rounded-md bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 dark:bg-blue-600 dark:hover:bg-blue-500";

export default async function RecurringPage({
  searchParams,
}: {
  searchParams: Promise<{ done?: string; n?: string }>;
}) {
  await requireUser("editor");
  const { done, n } = await searchParams;
  const db = getDb();
  const page = getThePage(db);
  const rules = listRecurrences(db, page.id);
  return (
    <div className="max-w-4xl">
      <p>
        <Link href="/admin/maintenance" className="text-sm font-medium underline">
          Maintenance
        </Link>
      </p>
      <h1 className="text-2xl font-bold">Recurring maintenance</h1>
      <p className="mt-1 text-slate-700 dark:text-slate-300">
        A rule schedules each occurrence up to 60 days ahead, as a normal maintenance you can edit or cancel on its own.
      </p>
      <DoneNotice done={done} n={n} />
      <div className="mt-4">
        <Link href="/admin/maintenance/recurring/new" className={primary}>
          New recurring maintenance
        </Link>
      </div>
      {rules.length === 0 ? (
        <p className="mt-6 text-slate-700 dark:text-slate-300">
          No recurring maintenance. Add one for regular windows such as “every Sunday 02:00–03:00”.
        </p>
      ) : (
        <ul className="mt-6 space-y-3">
          {rules.map((r) => (
            <li key={r.id} className="rounded-lg border border-slate-300 p-4 dark:border-slate-700">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h2 className="text-lg font-semibold">{r.name}</h2>
                <span className="text-sm font-medium">{r.active ? "Active" : "Stopped"}</span>
              </div>
              <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
                {describeRecurrence(r)}
                {r.componentIds.length > 0 &&
                  ` · ${r.componentIds.length} service${r.componentIds.length === 1 ? "" : "s"}`}
              </p>
              <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
                {r.nextAt
                  ? `Next: ${formatInZone(r.nextAt, page.timeZone)} · ${r.upcoming} scheduled`
                  : "Nothing scheduled."}
              </p>
              {r.active && (
                <p className="mt-2 text-sm">
                  <Link
                    href={`/admin/maintenance/recurring/${r.id}/stop`}
                    className="font-medium text-red-700 underline dark:text-red-300"
                  >
                    Stop repeating<span className="sr-only"> {r.name}</span>
                  </Link>
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
