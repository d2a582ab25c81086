// The console's list of endpoint subscribers (webhooks and chat channels): per endpoint its name and state,
// its scope and owner, its controls, and a table of its recent deliveries. Each kind passes its words and
// the parts that differ (the name, the controls, how an event is called).
import type { ReactNode } from "react";
import { formatInZone } from "@/services/console/incident-display";
import { DataTable } from "@/components/ui/data-table";
import { LOCALE_NAMES, type Locale } from "@/core/i18n/locales";

export interface EndpointDelivery {
  id: string;
  kind: string;
  state: string;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: number | null;
  createdAt: number;
}

export interface EndpointRow {
  id: string;
  email: string | null;
  allComponents: boolean;
  componentIds: string[];
  origin: string;
  createdAt: number;
  /** The language of what it is sent. */
  language: Locale;
  deliveries: EndpointDelivery[];
}

export const endpointDate = (ms: number | null, timeZone: string) => (ms ? formatInZone(ms, timeZone) : "never");

export function deliveryOutcome(d: EndpointDelivery, timeZone: string) {
  if (d.state === "sent") return "Delivered";
  if (d.state === "failed") return "Gave up";
  if (d.state === "sending") return "Sending";
  return `Retry at ${endpointDate(d.nextAttemptAt, timeZone)}`;
}

const TONES = {
  good: "bg-green-100 text-green-900 dark:bg-green-950 dark:text-green-200",
  warn: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  bad: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
};

export function EndpointBadge({ text, tone }: { text: string; tone: keyof typeof TONES }) {
  return <span className={`rounded px-2 py-0.5 text-sm font-medium ${TONES[tone]}`}>{text}</span>;
}

export interface EndpointListText {
  /** "Recent deliveries", "Recent messages". */
  recent: string;
  emptyDeliveries: string;
}

export function EndpointList<T extends EndpointRow>({
  rows,
  timeZone,
  serviceNames,
  text,
  title,
  label,
  badge,
  extra,
  controls,
  eventLabel,
}: {
  rows: T[];
  timeZone: string;
  serviceNames: Map<string, string>;
  text: EndpointListText;
  /** The endpoint's first line (its address, masked where it is a secret). */
  title: (row: T) => ReactNode;
  /** Its name in the deliveries table's label and caption. */
  label: (row: T) => string;
  badge: (row: T) => ReactNode;
  /** More of the summary line, after when it was added. */
  extra?: (row: T) => ReactNode;
  controls: (row: T) => ReactNode;
  eventLabel: (kind: string) => string;
}) {
  return (
    <ul className="mt-3 divide-y divide-slate-200 rounded-lg border border-slate-300 dark:divide-slate-800 dark:border-slate-700">
      {rows.map((row) => (
        <li key={row.id} className="space-y-2 p-3">
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <p className="w-full min-w-0 break-all text-sm font-medium sm:w-auto sm:flex-1">{title(row)}</p>
            {badge(row)}
          </div>
          <p className="text-sm text-slate-700 dark:text-slate-300">
            {row.allComponents
              ? "Everything"
              : `Only: ${row.componentIds.map((id) => serviceNames.get(id) ?? "a deleted service").join(", ")}`}
            {" · "}owner {row.email ?? "none"} · added {endpointDate(row.createdAt, timeZone)} ({row.origin}){" · "}
            <span lang={row.language}>{LOCALE_NAMES[row.language]}</span>
            {extra?.(row)}
          </p>
          {controls(row)}
          <details className="text-sm">
            <summary className="cursor-pointer font-medium">
              {text.recent} ({row.deliveries.length})
            </summary>
            <DataTable
              dense
              label={`${text.recent} to ${label(row)}`}
              caption={`${text.recent} to ${label(row)}`}
              className="mt-2"
              rows={row.deliveries}
              rowKey={(d) => d.id}
              empty={text.emptyDeliveries}
              columns={[
                { header: "Time", className: "whitespace-nowrap", cell: (d) => endpointDate(d.createdAt, timeZone) },
                { header: "Event", cell: (d) => eventLabel(d.kind) },
                { header: "Outcome", cell: (d) => deliveryOutcome(d, timeZone) },
                { header: "Status", cell: (d) => d.lastStatusCode ?? "–" },
                { header: "Attempts", cell: (d) => d.attempts + (d.state === "sent" ? 1 : 0) },
                { header: "Error", className: "break-all", cell: (d) => d.lastError ?? "" },
              ]}
            />
          </details>
        </li>
      ))}
    </ul>
  );
}

/** The page around the list: heading and intro, the notice after a removal, the list (or why it is empty), the add form. */
export function EndpointPage({
  title,
  intro,
  removedNotice,
  listHeading,
  empty,
  list,
  addHeading,
  addForm,
}: {
  title: string;
  intro: ReactNode;
  /** Shown after a removal redirected here; null otherwise. */
  removedNotice: string | null;
  listHeading: string;
  /** Shown instead of the list when there is nothing in it. */
  empty: ReactNode | null;
  list: ReactNode;
  addHeading: string;
  addForm: ReactNode;
}) {
  return (
    <div className="max-w-4xl">
      <h1 className="text-2xl font-bold">{title}</h1>
      <p className="mt-1 text-slate-700 dark:text-slate-300">{intro}</p>
      {removedNotice && (
        <p
          role="status"
          className="mt-4 rounded-md bg-green-50 px-3 py-2 text-sm font-medium text-green-800 dark:bg-green-950 dark:text-green-200"
        >
          {removedNotice}
        </p>
      )}
      <section aria-labelledby="list-heading" className="mt-8">
        <h2 id="list-heading" className="text-lg font-semibold">
          {listHeading}
        </h2>
        {empty ? <p className="mt-2 text-slate-700 dark:text-slate-300">{empty}</p> : list}
      </section>
      <section aria-labelledby="add-heading" className="mt-10">
        <h2 id="add-heading" className="text-lg font-semibold">
          {addHeading}
        </h2>
        {addForm}
      </section>
    </div>
  );
}
