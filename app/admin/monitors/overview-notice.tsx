// The top of the console overview while detection has something to say: failing monitors and drafts waiting.
import Link from "next/link";
import type { Db } from "@/db";
import { failingMonitors, waitingDrafts } from "@/db/queries/monitors";

export function MonitorOverviewNotice({ db }: { db: Db }) {
  const failing = failingMonitors(db);
  const drafts = waitingDrafts(db);
  if (failing.length === 0 && drafts.length === 0) return null;
  return (
    <section
      aria-labelledby="detection-title"
      className="mt-6 rounded-lg border-2 border-red-600 p-4 dark:border-red-400"
    >
      <h2 id="detection-title" className="text-lg font-semibold">
        {failing.length > 0
          ? `${failing.length} monitor${failing.length === 1 ? " is" : "s are"} failing`
          : "Draft incidents waiting"}
      </h2>
      <ul className="mt-2 space-y-1 text-sm">
        {failing.map((m) => (
          <li key={m.id}>
            <Link href={`/admin/monitors/${m.id}`} className="font-medium underline">
              {m.name}
            </Link>
            : {m.state}
            {m.lastError ? ` (${m.lastError})` : ""}
          </li>
        ))}
        {drafts.length > 0 && (
          <li>
            <Link href="/admin/monitors" className="font-medium underline">
              {drafts.length} draft incident{drafts.length === 1 ? "" : "s"} to publish or dismiss
            </Link>
          </li>
        )}
      </ul>
    </section>
  );
}
