import Link from "next/link";
import type { PublicIncident, RecurrenceRule } from "@/db/queries/public-incidents";
import { foldUpcoming } from "@/core/maintenance-list";
import { describeRecurrence } from "@/core/recurrence";
import { IncidentCard } from "./incident-parts";
import { LocalTime } from "./local-time";

const linkClass = "underline underline-offset-2 hover:decoration-2";

/**
 * Scheduled maintenance on the home page: the next few entries as cards (a recurring series is one entry,
 * with its rule in words), the rest behind "and N more". A <details>, so it opens without JavaScript.
 */
export function UpcomingMaintenance({
  upcoming,
  recurrences,
  timeZone,
}: {
  upcoming: PublicIncident[];
  recurrences: Map<string, RecurrenceRule>;
  timeZone: string;
}) {
  const { shown, more } = foldUpcoming(upcoming);
  const repeats = (item: PublicIncident) => {
    const rule = item.incident.recurrenceId ? recurrences.get(item.incident.recurrenceId) : undefined;
    return rule ? describeRecurrence(rule) : undefined;
  };
  return (
    <section aria-labelledby="maintenance-upcoming" className="mt-8">
      <h2 id="maintenance-upcoming" className="mb-3 text-xl font-semibold">
        Scheduled maintenance
      </h2>
      <div className="space-y-3">
        {shown.map(({ item, later }) => (
          <IncidentCard
            key={item.incident.id}
            item={item}
            timeZone={timeZone}
            series={{ repeats: repeats(item), later }}
          />
        ))}
      </div>
      {more.length > 0 && (
        <details className="mt-3">
          <summary className="cursor-pointer font-medium">and {more.length} more</summary>
          <ul className="mt-2 space-y-1 text-sm">
            {more.map(({ item, later }) => (
              <li key={item.incident.id}>
                <Link href={`/incidents/${item.incident.id}`} className={linkClass}>
                  {item.incident.name}
                </Link>
                {item.incident.scheduledFor && (
                  <>
                    {" "}
                    <LocalTime at={item.incident.scheduledFor} timeZone={timeZone} />
                  </>
                )}
                {later.length > 0 && (
                  <span className="text-slate-600 dark:text-slate-400"> · {repeats(item) ?? "repeats"}</span>
                )}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
