// The top of the console overview while a publish target has been failing for more than 5 minutes: the
// static copy visitors fall back on is going stale.
import Link from "next/link";
import type { Db } from "@/db";
import { publishingView } from "@/services/console/publishing";

export function PublishOverviewNotice({ db }: { db: Db }) {
  const view = publishingView(db);
  const failing = view.configured ? view.targets.filter((t) => t.alarming) : [];
  if (failing.length === 0) return null;
  return (
    <section
      aria-labelledby="publish-failing-title"
      className="mt-6 rounded-lg border-2 border-red-600 p-4 dark:border-red-400"
    >
      <h2 id="publish-failing-title" className="text-lg font-semibold">
        The static copy is not being updated
      </h2>
      <ul className="mt-2 space-y-1 text-sm">
        {failing.map((t) => (
          <li key={t.name}>
            <span className="break-all font-mono">{t.where}</span>: {t.lastError}
          </li>
        ))}
      </ul>
      <p className="mt-2 text-sm">
        <Link href="/admin/settings#publishing-heading" className="font-medium underline">
          Publishing settings
        </Link>
      </p>
    </section>
  );
}
