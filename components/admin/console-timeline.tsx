// The timeline of an incident or maintenance in the console, newest first: each update's status, time,
// Markdown text and the service status changes it made. `extra` adds per-update controls.
import type { ReactNode } from "react";
import { COMPONENT_STATUS_LABELS, INCIDENT_STATUS_LABELS } from "@/db/constants";
import type { incidentServices, incidentTimeline } from "@/db/queries/console-incidents";
import { formatInZone } from "@/services/console/incident-display";
import { Markdown } from "@/components/markdown";

export const consoleCard = "rounded-lg border border-slate-300 p-4 dark:border-slate-700";

type Update = ReturnType<typeof incidentTimeline>[number];

export function ConsoleTimeline({
  timeline,
  timeZone,
  notes,
  extra,
}: {
  timeline: Update[];
  timeZone: string;
  notes: (u: Update) => string;
  extra?: (u: Update) => ReactNode;
}) {
  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title" className="text-xl font-semibold">
        Timeline
      </h2>
      <ol className="mt-3 space-y-4">
        {timeline.map((u) => (
          <li key={u.id} className={consoleCard}>
            <p className="font-semibold">
              {INCIDENT_STATUS_LABELS[u.status]}{" "}
              <span className="font-normal text-slate-700 dark:text-slate-300">
                · {formatInZone(u.displayAt, timeZone)}
                {notes(u)}
              </span>
            </p>
            <Markdown source={u.body} className="mt-2 break-words" />
            {u.changes.length > 0 && (
              <ul className="mt-2 text-sm text-slate-700 dark:text-slate-300">
                {u.changes.map((c) => (
                  <li key={c.componentId}>
                    {c.componentName}: {COMPONENT_STATUS_LABELS[c.oldStatus]} → {COMPONENT_STATUS_LABELS[c.newStatus]}
                  </li>
                ))}
              </ul>
            )}
            {extra?.(u)}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** "Affects: VPN (major outage), Email (operational)". */
export function AffectedServices({ services }: { services: ReturnType<typeof incidentServices> }) {
  if (services.length === 0) return null;
  return (
    <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
      Affects: {services.map((s) => `${s.name} (${COMPONENT_STATUS_LABELS[s.status].toLowerCase()})`).join(", ")}
    </p>
  );
}
